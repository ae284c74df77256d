/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The server serves the classpath folder hmi/ at "/", so the build goes straight into the jar's
// classes (target/classes/hmi). `npm run dev` proxies the API and the WebSocket to a local server.
// Assets are addressed from the root ("/assets/…"), so deep links such as /stations/x load them;
// their names carry a content hash and the server lets browsers cache them for a year. Each route
// is its own chunk (router.ts imports the views lazily); ECharts is imported piece by piece.
const server = process.env.HELAN_SERVER ?? 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/',
  plugins: [vue()],
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: 'target/classes/hmi',
    emptyOutDir: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/ws': { target: server, ws: true, changeOrigin: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
