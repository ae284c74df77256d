package io.helan.emergency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a EURDEP 2.x message against the schema in {@code eurdep-2.schema}: the block structure,
 * the header keys, each data block's field list and every value of every row, and that the
 * dose-rate rows name declared localities. Returns every problem with its line.
 */
public final class EurdepSchema {
  private static final String RESOURCE = "eurdep-2.schema";

  private final Map<String, Pattern> header = new LinkedHashMap<>();
  private final Map<String, Map<String, Field>> blocks = new LinkedHashMap<>();
  private final List<String[]> references = new ArrayList<>();

  private record Field(boolean required, Pattern pattern) {}

  private EurdepSchema(String text) {
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] parts = trimmed.split(" +");
      switch (parts[0]) {
        case "header" -> header.put(parts[1], Pattern.compile(parts[2]));
        case "field" ->
            blocks
                .computeIfAbsent(parts[1], b -> new LinkedHashMap<>())
                .put(parts[2], new Field(parts[3].equals("required"), Pattern.compile(parts[4])));
        case "reference" -> references.add(new String[] {parts[1], parts[2]});
        default -> throw new IllegalArgumentException("schema line not understood: " + line);
      }
    }
  }

  /** The schema shipped with Helan. */
  public static EurdepSchema load() {
    try (InputStream in = EurdepSchema.class.getResourceAsStream(RESOURCE)) {
      return new EurdepSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every problem of the message, {@code "line N: ..."}; empty when it is valid. */
  public List<String> problems(String message) {
    List<String> problems = new ArrayList<>();
    String[] lines = message.split("\r?\n");
    Map<String, Set<String>> columns = new HashMap<>();
    List<String[]> pendingReferences = new ArrayList<>();
    Set<String> headerSeen = new HashSet<>();
    Set<String> blocksSeen = new HashSet<>();
    String block = null;
    List<String> fieldList = null;
    boolean begun = false;
    boolean ended = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int number = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (ended) {
        problems.add("line " + number + ": text after \\END_EURDEP;");
        break;
      }
      if (!line.endsWith(";")) {
        problems.add("line " + number + ": does not end with ';'");
        continue;
      }
      String body = line.substring(0, line.length() - 1);
      if (!begun) {
        if (!body.equals("\\BEGIN_EURDEP")) {
          problems.add("line " + number + ": expected \\BEGIN_EURDEP;");
        }
        begun = true;
        continue;
      }
      if (body.equals("\\END_EURDEP")) {
        if (block != null) {
          problems.add("line " + number + ": block " + block + " not ended");
        }
        ended = true;
        continue;
      }
      if (body.startsWith("\\BEGIN_")) {
        String name = body.substring("\\BEGIN_".length());
        if (block != null) {
          problems.add("line " + number + ": block " + name + " inside block " + block);
        }
        if (!name.equals("HEADER") && !blocks.containsKey(name)) {
          problems.add("line " + number + ": unknown block " + name);
        }
        block = name;
        blocksSeen.add(name);
        fieldList = null;
        continue;
      }
      if (body.startsWith("\\END_")) {
        String name = body.substring("\\END_".length());
        if (!name.equals(block)) {
          problems.add("line " + number + ": \\END_" + name + " but the open block is " + block);
        }
        if ("HEADER".equals(name)) {
          for (String key : header.keySet()) {
            if (!headerSeen.contains(key)) {
              problems.add("line " + number + ": header lacks " + key);
            }
          }
        }
        block = null;
        continue;
      }
      if (block == null) {
        problems.add("line " + number + ": outside any block");
        continue;
      }
      if (block.equals("HEADER")) {
        checkHeaderLine(body, number, headerSeen, problems);
        continue;
      }
      Map<String, Field> fields = blocks.getOrDefault(block, Map.of());
      if (body.startsWith("\\FIELD_LIST ")) {
        fieldList = List.of(body.substring("\\FIELD_LIST ".length()).split(","));
        for (String field : fieldList) {
          if (!fields.containsKey(field)) {
            problems.add("line " + number + ": " + block + " has no field " + field);
          }
        }
        for (Map.Entry<String, Field> field : fields.entrySet()) {
          if (field.getValue().required() && !fieldList.contains(field.getKey())) {
            problems.add("line " + number + ": " + block + " field list lacks " + field.getKey());
          }
        }
        continue;
      }
      if (body.startsWith("\\")) {
        problems.add("line " + number + ": unexpected " + body.split(" ")[0] + " in " + block);
        continue;
      }
      if (fieldList == null) {
        problems.add("line " + number + ": row before \\FIELD_LIST in " + block);
        continue;
      }
      String[] values = body.split(",", -1);
      if (values.length != fieldList.size()) {
        problems.add(
            "line "
                + number
                + ": "
                + values.length
                + " values for "
                + fieldList.size()
                + " fields");
        continue;
      }
      for (int f = 0; f < values.length; f++) {
        String name = fieldList.get(f);
        Field field = fields.get(name);
        if (field != null && !field.pattern().matcher(values[f]).matches()) {
          problems.add("line " + number + ": " + name + " '" + values[f] + "' is not valid");
        }
        columns.computeIfAbsent(block + "." + name, c -> new HashSet<>()).add(values[f]);
        pendingReferences.add(new String[] {block + "." + name, values[f], "" + number});
      }
    }
    if (!begun) {
      problems.add("empty message");
    } else if (!ended) {
      problems.add("no \\END_EURDEP;");
    }
    if (!blocksSeen.contains("HEADER")) {
      problems.add("no HEADER block");
    }
    for (String[] reference : references) {
      Set<String> known = columns.getOrDefault(reference[1], Set.of());
      for (String[] value : pendingReferences) {
        if (value[0].equals(reference[0]) && !known.contains(value[1])) {
          problems.add(
              "line "
                  + value[2]
                  + ": "
                  + reference[0]
                  + " '"
                  + value[1]
                  + "' is not a declared "
                  + reference[1]);
        }
      }
    }
    return problems;
  }

  private void checkHeaderLine(String body, int number, Set<String> seen, List<String> problems) {
    if (!body.startsWith("\\")) {
      problems.add("line " + number + ": header lines are \\KEY value;");
      return;
    }
    int space = body.indexOf(' ');
    String key = space < 0 ? body.substring(1) : body.substring(1, space);
    String value = space < 0 ? "" : body.substring(space + 1);
    Pattern pattern = header.get(key);
    if (pattern == null) {
      problems.add("line " + number + ": unknown header key " + key);
    } else if (!pattern.matcher(value).matches()) {
      problems.add("line " + number + ": " + key + " '" + value + "' is not valid");
    }
    seen.add(key);
  }
}
