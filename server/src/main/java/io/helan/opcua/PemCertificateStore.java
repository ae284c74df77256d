package io.helan.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateStore;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;

/**
 * The server's own RSA-SHA256 application certificate as plain files, the layout other OPC UA
 * stacks use: {@code own/certs/helan-server.der} (hand it to clients that must trust the server)
 * and {@code own/private/helan-server.pem} (PKCS#8, readable by the server's user only).
 */
final class PemCertificateStore implements CertificateStore {
  private static final String NAME = "helan-server";

  private final Path certificateFile;
  private final Path keyFile;

  PemCertificateStore(Path ownDir) {
    this.certificateFile = ownDir.resolve("certs").resolve(NAME + ".der");
    this.keyFile = ownDir.resolve("private").resolve(NAME + ".pem");
  }

  Path certificateFile() {
    return certificateFile;
  }

  @Override
  public boolean contains(NodeId certificateTypeId) {
    return supports(certificateTypeId) && Files.exists(certificateFile) && Files.exists(keyFile);
  }

  /** The certificate and key, or null when they were not created yet. */
  @Override
  public Entry get(NodeId certificateTypeId) throws Exception {
    if (!contains(certificateTypeId)) {
      return null;
    }
    X509Certificate[] chain;
    try (InputStream in = Files.newInputStream(certificateFile)) {
      chain = CertificateUtil.decodeCertificates(in).toArray(X509Certificate[]::new);
    }
    return new Entry(readKey(), chain);
  }

  @Override
  public Entry remove(NodeId certificateTypeId) throws Exception {
    Entry entry = get(certificateTypeId);
    if (entry != null) {
      Files.delete(certificateFile);
      Files.delete(keyFile);
    }
    return entry;
  }

  @Override
  public void set(NodeId certificateTypeId, Entry entry) throws Exception {
    if (!supports(certificateTypeId)) {
      throw new IllegalArgumentException("unsupported certificate type " + certificateTypeId);
    }
    Files.createDirectories(certificateFile.getParent());
    createPrivateDirectory(keyFile.getParent());
    Files.write(certificateFile, entry.certificateChain[0].getEncoded());
    Path partial = keyFile.resolveSibling(NAME + ".pem.tmp");
    Files.deleteIfExists(partial);
    createOwnerOnlyFile(partial);
    try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(new JcaPKCS8Generator(entry.privateKey, null));
    }
    Files.move(partial, keyFile, StandardCopyOption.REPLACE_EXISTING);
  }

  private PrivateKey readKey() throws IOException {
    try (Reader in = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(in)) {
      Object object = parser.readObject();
      if (!(object instanceof PrivateKeyInfo info)) {
        throw new IOException(keyFile + " does not hold a PKCS#8 private key");
      }
      return new JcaPEMKeyConverter().getPrivateKey(info);
    }
  }

  private static boolean supports(NodeId certificateTypeId) {
    return NodeIds.RsaSha256ApplicationCertificateType.equals(certificateTypeId);
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix()) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static void createOwnerOnlyFile(Path file) throws IOException {
    if (posix()) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
  }
}
