package dev.mmsafety.udf.spark;

import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.RowBuilder;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.image.ImageFormats;
import dev.mmsafety.udf.image.ImageCheckException;
import dev.mmsafety.udf.image.ImageInfo;
import dev.mmsafety.udf.image.ImageLimits;
import dev.mmsafety.udf.image.ImageValidator;
import dev.mmsafety.udf.ingest.CaseDraft;
import dev.mmsafety.udf.ingest.IngestReject;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Executor side of ingest: for each draft, reads its image through Hadoop FS, validates it (byte limit, what the
 * bytes are, header pixel limit, EXIF, decode) and emits one {@link IngestOutput} row, a case or a reject. Streams: one image in memory
 * at a time; validation results (not bytes) are cached per partition, since benchmarks reuse one image for many
 * cases (MM-SafetyBench variants share none, JailBreakV-28K reuses its transfer images heavily).
 */
public final class IngestImagesFunction implements FlatMapFunction<Iterator<CaseDraft>, Row> {
  private static final long serialVersionUID = 1L;
  static final int CACHE_ENTRIES = 4096;

  private final HadoopImageLoader loader;
  private final Map<String, ImageLimits> limitsByDataset;
  private final Map<String, String> hashByDataset;
  private final String runId;
  private final String runDate;

  public IngestImagesFunction(
      HadoopImageLoader loader, Map<String, ImageLimits> limitsByDataset, Map<String, String> hashByDataset,
      String runId, String runDate) {
    this.loader = loader;
    this.limitsByDataset = new TreeMap<>(limitsByDataset);
    this.hashByDataset = new TreeMap<>(hashByDataset);
    this.runId = runId;
    this.runDate = runDate;
  }

  @Override
  public Iterator<Row> call(Iterator<CaseDraft> drafts) {
    Map<String, Object> cache =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > CACHE_ENTRIES;
          }
        };
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return drafts.hasNext();
      }

      @Override
      public Row next() {
        return process(drafts.next(), cache);
      }
    };
  }

  Row process(CaseDraft d, Map<String, Object> cache) {
    if (d.imageUri() == null) {
      return IngestOutput.ofCase(caseRow(d, null, null));
    }
    ImageLimits limits = limitsByDataset.getOrDefault(d.dataset(), ImageLimits.DEFAULT);
    Object checked = cache.computeIfAbsent(limits + "|" + d.imageUri(), k -> check(d.imageUri(), limits));
    if (checked instanceof ImageInfo info) {
      return IngestOutput.ofCase(caseRow(d, info, null));
    }
    ImageCheckException e = (ImageCheckException) checked;
    if (d.keepTextIfImageMissing() && ImageCheckException.MISSING.equals(e.reason().code())) {
      return IngestOutput.ofCase(caseRow(d, null, e.getMessage()));
    }
    return IngestOutput.ofReject(
        new IngestReject(
            d.benchmark(), d.dataset(), d.sourceFile(), d.sourceRow(), d.imageField(), e.reason().code(),
            "image " + d.imageUri() + ": " + e.getMessage(), d.caseId()),
        runId, runDate);
  }

  private Object check(String uri, ImageLimits limits) {
    try {
      byte[] bytes = loader.load(uri, limits.maxBytes());
      String named = ImageFormats.extensionFormat(uri);
      ImageFormats.Sniffed sniffed = ImageFormats.sniff(bytes);
      if (named != null && !sniffed.image() && !List.of("text", "unknown").contains(sniffed.format())) {
        // A PDF or an archive under an image name: a packaging error, said as what the file really is.
        return new ImageCheckException(ImageCheckException.EXTENSION_MISMATCH,
            "named ." + extension(uri) + " but the bytes are " + sniffed.description() + ", not an image");
      }
      // A decodable image under another image extension (a WebP named .png) is shown by browsers from its bytes;
      // it is kept, and image_name_format records what the name claimed.
      return new ImageValidator(limits).validate(bytes);
    } catch (FileNotFoundException e) {
      return new ImageCheckException(ImageCheckException.MISSING, "no such file");
    } catch (HadoopImageLoader.ImageTooLargeException e) {
      return new ImageCheckException(ImageCheckException.TOO_LARGE, "file exceeds the limit of " + limits.maxBytes() + " bytes");
    } catch (ImageCheckException e) {
      return e;
    } catch (IOException | RuntimeException e) {
      return new ImageCheckException(ImageCheckException.MISSING, "cannot read: " + e.getMessage());
    }
  }

  private static String extension(String uri) {
    return uri.substring(uri.lastIndexOf('.') + 1);
  }

  private Row caseRow(CaseDraft d, ImageInfo image, String missingImage) {
    Map<String, String> extra = new TreeMap<>(d.extra());
    if (missingImage != null) {
      extra.put("image_missing", d.imageUri() + ": " + missingImage);
    }
    RowBuilder row = CasesTable.INSTANCE
        .newRow()
        .set(SharedColumns.RUN_ID, runId)
        .set(SharedColumns.CASE_ID, d.caseId())
        .set(CasesTable.OPTIONS, scalaMap(d.options()))
        .set(CasesTable.DATASET_HASH, hashByDataset.get(d.dataset()))
        .set(CasesTable.EXTRA, extra.isEmpty() ? null : scalaMap(extra))
        .set(SharedColumns.RUN_DATE, runDate);
    if (image == null) {
      row.set(CasesTable.IMAGE_URI, null); // the draft names an image the case does not have
    } else {
      row.copyFrom("image_", image).set(CasesTable.IMAGE_NAME_FORMAT, nameFormat(d.imageUri(), image.format()));
    }
    return row.copyFrom(d).build();
  }

  private static String nameFormat(String uri, String format) {
    String named = ImageFormats.extensionFormat(uri);
    return named == null || named.equals(format) ? null : named;
  }

  /** Row encoders in Spark 4 take Scala maps for MAP columns, not java.util.Map. */
  public static scala.collection.Map<String, String> scalaMap(Map<String, String> map) {
    return map == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(map);
  }
}
