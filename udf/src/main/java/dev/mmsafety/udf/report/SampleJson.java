package dev.mmsafety.udf.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * The sample browser's data as JSON safe to embed in {@code <script type="application/json">}: '<', '>', '&',
 * U+2028 and U+2029 are written as \\u escapes, so no answer can close the block ({@code </script>}) or open a
 * comment ({@code <!--}); the page parses it with JSON.parse, never evaluates it.
 */
public final class SampleJson {
  private static final ObjectWriter WRITER = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build()
      .writer()
      .with(new HtmlSafeEscapes());

  private SampleJson() {}

  /** The page's data; a record, so its keys keep one order and the same run writes the same page. */
  record Payload(List<ReportData.Sample> samples, boolean redacted, boolean simulated) {}

  public static String write(ReportData d) {
    try {
      return WRITER.writeValueAsString(new Payload(d.samples().samples(), d.redacted(), d.simulated()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write sample data: " + e.getOriginalMessage(), e);
    }
  }

  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] escapes;

    HtmlSafeEscapes() {
      escapes = standardAsciiEscapesForJSON();
      escapes['<'] = ESCAPE_STANDARD;
      escapes['>'] = ESCAPE_STANDARD;
      escapes['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
      // Line and paragraph separators end a line in older JavaScript; escape them as well.
      return ch == 0x2028 || ch == 0x2029
          ? new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch))
          : null;
    }
  }
}
