package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.strongroom.search.Field;
import org.strongroom.search.SearchQuery;

class HighlighterTests {

  private static String marked(String q, Field field, String text) {
    StringBuilder out = new StringBuilder();
    for (Highlighter.Part part : new Highlighter(SearchQuery.parse(q), field).parts(text)) {
      out.append(part.mark() ? "[" + part.text() + "]" : part.text());
    }
    return out.toString();
  }

  @Test
  void marksTheWordsAskedForAsSearchFoldsThem() {
    assertThat(marked("asa ocea* \"deep heat\"", Field.TITLE, "Åsa's Oceanic deep-sea heat"))
        .isEqualTo("[Åsa]'s [Oceanic] [deep]-sea [heat]");
    assertThat(marked("title:heat description:sea", Field.TITLE, "sea heat")).isEqualTo("sea [heat]");
    assertThat(marked("-heat sea", Field.DESCRIPTION, "sea heat")).isEqualTo("[sea] heat");
  }

  @Test
  void keepsMarkupFromTheTextAsTextInUnmarkedParts() {
    List<Highlighter.Part> parts = new Highlighter(SearchQuery.parse("script"), Field.TITLE)
        .parts("<script>alert(1)</script>");
    assertThat(parts).containsExactly(new Highlighter.Part("<", false), new Highlighter.Part("script", true),
        new Highlighter.Part(">alert(1)</", false), new Highlighter.Part("script", true),
        new Highlighter.Part(">", false));
  }

  @Test
  void aSnippetStartsNearTheFirstMatch() {
    String text = "word ".repeat(100) + "ocean" + " tail".repeat(100);
    List<Highlighter.Part> parts = new Highlighter(SearchQuery.parse("ocean"), Field.DESCRIPTION).snippet(text, 200);
    String joined = String.join("", parts.stream().map(Highlighter.Part::text).toList());
    assertThat(joined).startsWith("…").endsWith("…").contains("ocean").hasSizeLessThan(220);
    assertThat(parts).contains(new Highlighter.Part("ocean", true));
  }
}
