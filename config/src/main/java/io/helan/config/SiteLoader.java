package io.helan.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a site from a YAML site file (format: config/README.md), validates all of it and expands
 * device types into devices. A file with any problem yields no site but one {@link
 * SiteConfigException} that lists every problem with file, line, column and key path. Each
 * protocol's {@link ConnectionType}, found through {@link java.util.ServiceLoader}, reads the
 * connection settings of its devices.
 */
public final class SiteLoader {

  /** The classpath resource of the simulated Ningxia network. */
  public static final String DEFAULT_SITE_RESOURCE = "sites/ningxia/site.yaml";

  private static final Logger log = LoggerFactory.getLogger(SiteLoader.class);

  private static final ObjectReader DOCUMENT_READER =
      YAMLMapper.builder()
          .addModule(StrictIntegerDeserializer.module())
          .build()
          .readerFor(SiteDocument.class);

  private SiteLoader() {}

  /** Loads the site file at {@code file}; errors name the file as given. */
  public static Site load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unreadable(file.toString(), e);
    }
    return parse(file.toString(), text);
  }

  /** Loads the default site, {@value #DEFAULT_SITE_RESOURCE}, from the classpath. */
  public static Site loadDefault() {
    return loadResource(DEFAULT_SITE_RESOURCE);
  }

  /** Loads a site file from the classpath, e.g. {@code sites/ningxia/site.yaml}. */
  public static Site loadResource(String resource) {
    String text;
    try (InputStream in = SiteLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw unreadable(resource, "no such resource on the classpath");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unreadable(resource, e);
    }
    return parse(resource, text);
  }

  /**
   * Parses and validates {@code text}; {@code file} names it in errors. Three passes: a streaming
   * pass indexes the location of every key (and stops at a syntax error), databinding reads the
   * document and reports unknown keys and mistyped values, and the validator checks the rest.
   */
  static Site parse(String file, String text) {
    ConnectionTypes connectionTypes = ConnectionTypes.installed();
    ConfigErrors errors = new ConfigErrors(file);
    LocationIndex locations = LocationIndex.scan(text, errors);
    SiteDocument document = bind(text, locations, errors);
    SiteValidator validator = new SiteValidator(locations, errors, connectionTypes);
    if (document != null) {
      validator.validate(document);
    }
    errors.throwIfAny();
    Site site =
        SiteAssembler.assemble(
            document, connectionTypes, validator.connections(), validator.upstreams());
    log.info(
        "Loaded site '{}' from {}: {} stations, {} devices, {} points",
        site.id(),
        file,
        site.stations().size(),
        site.devices().size(),
        site.points().size());
    return site;
  }

  private static SiteDocument bind(String text, LocationIndex locations, ConfigErrors errors) {
    try {
      SiteDocument document =
          DOCUMENT_READER
              .withHandler(new BindingProblemRecorder(locations, errors))
              .readValue(text);
      if (document == null) {
        errors.add(LocationIndex.Location.START, "", "the file holds no site");
      }
      return document;
    } catch (JsonMappingException e) {
      // Problems the recorder cannot step over end binding; report where it stopped.
      String path = pathOf(e);
      errors.add(locations.locate(path), path, e.getOriginalMessage());
      return null;
    } catch (IOException e) {
      errors.add(LocationIndex.Location.START, "", "cannot read the site: " + e.getMessage());
      return null;
    }
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static SiteConfigException unreadable(String file, IOException e) {
    return unreadable(file, "cannot read the file: " + e);
  }

  private static SiteConfigException unreadable(String file, String message) {
    return new SiteConfigException(List.of(new ConfigError(file, 0, 0, "", message)));
  }
}
