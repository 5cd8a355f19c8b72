package org.strongroom.demo;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.UserAccount;
import org.strongroom.core.Scope;
import org.strongroom.records.RecordImport;
import org.strongroom.tokens.AccessTokens;
import org.strongroom.tokens.OperatorTokens;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Demo users, a demo token and about fifty varied records, created once. */
@Service
public class DemoData {

  public static final String ADMIN = "admin@example.org";
  public static final String ALICE = "alice@example.org";
  public static final String BOB = "bob@example.org";

  /** What was created; passwords and the token are shown once and never stored in clear. */
  public record Created(String adminPassword, String alicePassword, String bobPassword, String aliceToken,
      int records) {
    @Override
    public String toString() {
      return "Created[records=" + records + "]";
    }
  }

  private static final String[] TITLES = {
      "Ocean temperature profiles, North Atlantic 2019–2024", "Données météorologiques du Mont Blanc",
      "Корпус русской поэзии XIX века", "東京の都市緑地の分布", "Genomic survey of Arabidopsis thaliana",
      "Ελληνικά αρχαία κείμενα: ψηφιακή έκδοση", "Software for seismic event detection",
      "Interviews with Sámi reindeer herders", "Coral reef images from the Great Barrier Reef",
      "Bird song recordings, Białowieża Forest", "Crystal structures of lysozyme mutants",
      "Historical census of Reykjavík, 1801–1901", "مجموعة المخطوطات العربية في الأندلس",
      "Traffic counts on Zürich bridges", "Soil moisture under drought, Castilla-La Mancha",
      "हिंदी समाचार पाठ संग्रह", "Protein folding simulations (replica exchange)",
      "Glacier retreat photographs, Patagonia", "Code for the São Paulo air-quality model",
      "Handwritten notes of Émilie du Châtelet", "Cosmic ray flux at Pierre Auger Observatory",
      "한국어 구어 말뭉치", "Mosquito wing-beat audio dataset", "Tree-ring widths, Białowieża oaks",
      "Phonetic atlas of Welsh dialects (Cymraeg)"};
  private static final String[] PEOPLE = {"Åsa Lindqvist", "José Martínez", "Zoë Brontë", "李小龙",
      "Nguyễn Thị Lan", "Søren Kierkegaard-Hansen", "Ólafur Arnalds", "Małgorzata Kowalska",
      "Jürgen Müller", "Ayşe Yılmaz", "Dvořák Antonín", "Ngozi Okonjo"};
  private static final String[] TYPES = {"dataset", "software", "publication", "image", "audio"};

  private final Accounts accounts;
  private final OperatorTokens tokens;
  private final RecordImport records;
  private final JsonMapper json;
  private final SecureRandom random = new SecureRandom();

  DemoData(Accounts accounts, OperatorTokens tokens, RecordImport records, JsonMapper json) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.records = records;
    this.json = json;
  }

  /** Creates the demo data unless the demo admin already exists. */
  public Optional<Created> createIfMissing() {
    if (accounts.findByEmail(ADMIN).isPresent()) {
      return Optional.empty();
    }
    String adminPassword = password();
    String alicePassword = password();
    String bobPassword = password();
    accounts.create(ADMIN, adminPassword, true);
    UserAccount alice = accounts.create(ALICE, alicePassword, false);
    UserAccount bob = accounts.create(BOB, bobPassword, false);
    String token = tokens.create(ALICE, "demo token", Scope.defaults(), AccessTokens.DEFAULT_LIFETIME,
        List.of()).token();
    int count = 0;
    for (int i = 0; i < 50; i++) {
      UserAccount owner = i % 3 == 2 ? bob : alice;
      records.create(owner.id(), metadata(i), i % 7 == 6);
      count++;
    }
    return Optional.of(new Created(adminPassword, alicePassword, bobPassword, token, count));
  }

  private ObjectNode metadata(int i) {
    ObjectNode metadata = json.createObjectNode();
    String title = TITLES[i % TITLES.length] + (i >= TITLES.length ? " (part " + (i / TITLES.length + 1) + ")" : "");
    metadata.put("title", title);
    metadata.put("description", "Demo record **" + (i + 1) + "** of the Strongroom demo.\n\n"
        + "- collected " + (2000 + i % 25) + "\n- see [the project page](https://example.org/projects/" + i + ")\n");
    var contributors = metadata.putArray("contributors");
    contributors.addObject().put("name", PEOPLE[i % PEOPLE.length]);
    if (i % 2 == 0) {
      contributors.addObject().put("name", PEOPLE[(i + 5) % PEOPLE.length]).put("affiliation", "Demo University");
    }
    metadata.putArray("keywords").add(TYPES[i % TYPES.length]).add("demo");
    metadata.put("resource_type", TYPES[i % TYPES.length]);
    metadata.put("publication_date", String.format("%d-%02d-%02d", 2000 + i % 25, 1 + i % 12, 1 + i % 28));
    return metadata;
  }

  /** 20 random characters from a 56-letter alphabet without look-alikes: about 116 bits. */
  private String password() {
    String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
