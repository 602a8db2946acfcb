package com.smeloanflow.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadBase;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.RequestContext;

/**
 * One variable's upload to the engine REST API as {@code multipart/form-data}
 * ({@code POST task/{id}/variables/{name}/data} and the like): a {@code data} part, with {@code valueType} {@code Bytes}
 * or {@code File}, or the deprecated {@code type} part naming a Java type whose JSON is in {@code data}. Read with the
 * parser and limits the REST API itself uses (its {@code commons-fileupload}, a part's headers at most
 * {@link FileUploadBase#DEFAULT_PART_HEADER_SIZE_MAX} bytes), so that {@link EngineApiGuard} sees the parts the engine
 * will see: the same part wins when a name repeats (the last), and a part's text is read as the REST API reads it, in
 * UTF-8 whatever the JVM's default charset (Camunda 7.24's {@code MultipartFormData.FormPart} names UTF-8 itself).
 */
final class VariableUpload {

  /** The REST API's parts: {@code data}, {@code valueType}, {@code type}. */
  private record Part(String contentType, String text) {}

  private VariableUpload() {}

  /**
   * Why the upload of variable {@code name} in {@code body} (of {@code contentType}, the request's with its boundary) is
   * refused ({@link StaffText}), or null when it goes on to the engine, which answers a malformed body with 400 itself:
   * <ul>
   *   <li>a part whose headers are longer than the REST API reads (a file name or a content type of hundreds of
   *       characters): Camunda's 400 {@code multipart/form-data cannot be processed} named neither;</li>
   *   <li>no {@code data} part: Camunda failed with 500;</li>
   *   <li>a {@code type} part that is not {@code text/plain}: Camunda reads no type name from it and failed with 500;</li>
   *   <li>a {@code type} part with its {@code data} in Java serialization, or naming a type the engine may not
   *       deserialize ({@code allowed}), as {@link EngineApiGuard} refuses an Object variable in JSON: Camunda answered
   *       a foreign type with 500.</li>
   * </ul>
   */
  static String refusal(String name, byte[] body, String contentType, Predicate<String> allowed) {
    Map<String, Part> parts;
    try {
      parts = parts(body, contentType);
    } catch (FileUploadException | IOException | RuntimeException e) {
      if (headersTooLong(e)) {
        int limit = FileUploadBase.DEFAULT_PART_HEADER_SIZE_MAX;
        return StaffText.of("变量 " + name + " 的上传有一部分的头部 (文件名、内容类型等) 超过 " + limit + " 字节, 请缩短文件名",
            "a part of the upload of variable " + name + " has headers (file name, content type) of more than " + limit
                + " bytes");
      }
      return null;
    }
    Part data = parts.get("data");
    if (data == null) {
      return StaffText.of("变量 " + name + " 的上传缺少 data 部分", "the upload of variable " + name + " has no part named data");
    }
    Part type = parts.get("type");
    if (type == null) {
      return null;
    }
    if (type.text() == null) {
      return StaffText.of("变量 " + name + " 的上传中 type 部分须为纯文本 (text/plain) 的类型名, 而不是 " + type.contentType(),
          "the type part of the upload of variable " + name + " must be a type name in text/plain, not " + type.contentType());
    }
    String typeName = type.text() == null ? "" : type.text().trim();
    List<String> chinese = new ArrayList<>();
    List<String> english = new ArrayList<>();
    if (data.contentType() != null && data.contentType().toLowerCase(Locale.ROOT).contains(EngineApiGuard.JAVA_SERIALIZATION)) {
      chinese.add("不允许 Java 序列化 (" + typeName + ")");
      english.add("Java serialization is disabled (" + typeName + ")");
    } else {
      for (String className : typeName.split("[<>,\\[\\]\\s]+")) {
        if (!className.isBlank() && !allowed.test(className)) {
          chinese.add("不允许类型 " + className);
          english.add("type " + className + " is not allowed");
        }
      }
    }
    return chinese.isEmpty() ? null : StaffText.of("拒绝 Object 变量: " + String.join("; ", chinese),
        "object variables refused: " + String.join("; ", english));
  }

  /** The parts by name, as the REST API reads them ({@code MultipartPayloadProvider}, {@code MultipartFormData.FormPart}). */
  private static Map<String, Part> parts(byte[] body, String contentType) throws FileUploadException, IOException {
    FileItemIterator items = new FileUpload().getItemIterator(new RequestContext() {
      @Override
      public String getCharacterEncoding() {
        return null;
      }

      @Override
      public String getContentType() {
        return contentType;
      }

      @Override
      @Deprecated
      public int getContentLength() {
        return -1;
      }

      @Override
      public InputStream getInputStream() {
        return new ByteArrayInputStream(body);
      }
    });
    Map<String, Part> parts = new HashMap<>();
    while (items.hasNext()) {
      FileItemStream item = items.next();
      String text = null;
      if (!"data".equals(item.getFieldName()) && (item.getContentType() == null || item.getContentType().contains("text/plain"))) {
        try (InputStream in = item.openStream()) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8); // as the REST API reads a text part (FormPart)
        }
      }
      parts.put(item.getFieldName(), new Part(item.getContentType(), text));
    }
    return parts;
  }

  /** Whether {@code e} is, or was caused by, the parser's refusal of a part's headers longer than it reads. */
  private static boolean headersTooLong(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof FileUploadBase.SizeLimitExceededException && String.valueOf(cause.getMessage()).startsWith("Header section")) {
        return true;
      }
    }
    return false;
  }
}
