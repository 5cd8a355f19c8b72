package org.strongroom.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deposit and edit form's values, as typed: read from the submitted form (kept as they are
 * when the save is refused) or from a stored record, and turned into schema metadata.
 */
record RecordForm(String title, String description, List<Contributor> contributors, String keywords,
    String publicationDate, String resourceType, String license, String access, int revision) {

  static final List<String> RESOURCE_TYPES =
      List.of("dataset", "software", "publication", "image", "video", "audio", "other");
  /** Empty contributor rows offered below the filled ones. */
  static final int SPARE_ROWS = 1;
  static final int MAX_ROWS = 500;

  record Contributor(String name, String affiliation, String orcid) {
    boolean blank() {
      return name.isBlank() && affiliation.isBlank() && orcid.isBlank();
    }
  }

  static RecordForm empty() {
    return new RecordForm("", "", spare(List.of(), SPARE_ROWS), "", "", "", "", "public", 0);
  }

  static RecordForm of(JsonNode metadata, Access access, int revision) {
    List<Contributor> people = new ArrayList<>();
    metadata.path("contributors").forEach(c -> people.add(new Contributor(c.path("name").asString(""),
        c.path("affiliation").asString(""), c.path("orcid").asString(""))));
    List<String> words = new ArrayList<>();
    metadata.path("keywords").forEach(k -> words.add(k.asString("")));
    return new RecordForm(metadata.path("title").asString(""), metadata.path("description").asString(""),
        spare(people, SPARE_ROWS), String.join("\n", words), metadata.path("publication_date").asString(""),
        metadata.path("resource_type").asString(""), metadata.path("license").asString(""), access.value(),
        revision);
  }

  /** The submitted form; {@code extraRows} more empty contributor rows when one was asked for. */
  static RecordForm of(MultiValueMap<String, String> form, int extraRows) {
    List<String> names = values(form, "contributor_name");
    List<String> affiliations = values(form, "contributor_affiliation");
    List<String> orcids = values(form, "contributor_orcid");
    List<Contributor> people = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX_ROWS, Math.max(names.size(), Math.max(affiliations.size(), orcids.size()))); i++) {
      people.add(new Contributor(at(names, i), at(affiliations, i), at(orcids, i)));
    }
    people.removeIf(Contributor::blank);
    int revision;
    try {
      revision = Integer.parseInt(first(form, "revision"));
    } catch (NumberFormatException e) {
      revision = 0;
    }
    return new RecordForm(first(form, "title"), first(form, "description"), spare(people, SPARE_ROWS + extraRows),
        first(form, "keywords"), first(form, "publication_date"), first(form, "resource_type"),
        first(form, "license"), "restricted".equals(first(form, "access")) ? "restricted" : "public", revision);
  }

  RecordForm withRevision(int newRevision) {
    return new RecordForm(title, description, contributors, keywords, publicationDate, resourceType, license,
        access, newRevision);
  }

  Access accessValue() {
    return "restricted".equals(access) ? Access.RESTRICTED : Access.PUBLIC;
  }

  /** Rows of {@link #contributors} as sent, blank ones left out. */
  List<Contributor> filledContributors() {
    return contributors.stream().filter(c -> !c.blank()).toList();
  }

  List<String> keywordList() {
    return Arrays.stream(keywords.split("[\\n,;]")).map(String::strip).filter(k -> !k.isEmpty()).toList();
  }

  /** The metadata the form describes; empty optional fields are left out, not sent empty. */
  ObjectNode metadata() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode metadata = nodes.objectNode();
    metadata.put("title", title.strip());
    putIfPresent(metadata, "description", description);
    List<Contributor> people = filledContributors();
    if (!people.isEmpty()) {
      ArrayNode list = metadata.putArray("contributors");
      for (Contributor person : people) {
        ObjectNode entry = list.addObject().put("name", person.name().strip());
        putIfPresent(entry, "affiliation", person.affiliation());
        putIfPresent(entry, "orcid", person.orcid());
      }
    }
    List<String> words = keywordList();
    if (!words.isEmpty()) {
      ArrayNode list = metadata.putArray("keywords");
      words.forEach(list::add);
    }
    putIfPresent(metadata, "publication_date", publicationDate);
    putIfPresent(metadata, "resource_type", resourceType);
    putIfPresent(metadata, "license", license);
    return metadata;
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null && !value.isBlank()) {
      node.put(name, value.strip());
    }
  }

  private static List<Contributor> spare(List<Contributor> filled, int spare) {
    List<Contributor> rows = new ArrayList<>(filled);
    for (int i = 0; i < spare && rows.size() < MAX_ROWS; i++) {
      rows.add(new Contributor("", "", ""));
    }
    return rows;
  }

  private static List<String> values(MultiValueMap<String, String> form, String name) {
    List<String> values = form.get(name);
    return values == null ? List.of() : values;
  }

  private static String first(MultiValueMap<String, String> form, String name) {
    String value = form.getFirst(name);
    return value == null ? "" : value;
  }

  private static String at(List<String> values, int index) {
    return index < values.size() && values.get(index) != null ? values.get(index) : "";
  }
}
