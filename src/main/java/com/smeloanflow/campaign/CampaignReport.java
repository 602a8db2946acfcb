package com.smeloanflow.campaign;

import com.smeloanflow.platform.FieldViolation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The import report of a whitelist: the campaign and, for every data line of the file, whether it was
 * accepted (and to whom the prospect went) or refused (with every reason).
 */
public record CampaignReport(Summary campaign, List<Line> lines) {

  /** A campaign and its counts; {@code id} is null in a dry run (nothing was stored). */
  public record Summary(
      @Schema(example = "WL20261201000001") String id,
      @Schema(example = "2026年12月 汇川区税务白名单") String name,
      @Schema(example = "campaign-manager") String importedBy,
      Instant importedAt,
      @Schema(example = "3") int rowsTotal,
      @Schema(example = "2") int rowsAccepted,
      @Schema(example = "1") int rowsRefused) {}

  /** One data line of the file (the header is line 1). */
  public record Line(
      @Schema(example = "2") int line,
      @Schema(example = "91520303MA6DKQ8X4A") String creditCode,
      @Schema(example = "遵义市汇川区明达机械加工有限公司") String enterpriseName,
      @Schema(example = "ACCEPTED", allowableValues = {"ACCEPTED", "REFUSED"}) String result,
      @Schema(description = "why it was refused, one entry per reason (column key, code, message)") List<FieldViolation> reasons,
      @Schema(example = "WP20261201000001") String prospectId,
      @Schema(example = "ZY001") String branchCode,
      @Schema(example = "zy001-cm") String customerManager) {}
}
