package com.smeloanflow.campaign;

import com.smeloanflow.identity.BranchAccess;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Whitelist campaigns over the API: import a whitelist file, read its report, follow the funnel (see SecurityConfig). */
@RestController
@Tag(name = "Whitelist campaigns", description = "白名单营销: import, report, figures")
public class CampaignController {

  /** Encodings a whitelist may come in: Excel's "CSV UTF-8" and its default CSV on a Chinese Windows. */
  private static final Set<Charset> CHARSETS = Set.of(StandardCharsets.UTF_8, Charset.forName("GBK"), Charset.forName("GB18030"));
  private static final String CSV_EXAMPLE = """
      统一社会信用代码,企业名称,法定代表人,手机号码,预估额度,建议产品,来源模型,模型日期
      91520303MA6DKQ8X4A,遵义市汇川区明达机械加工有限公司,张明,13985012345,300000.00,CREDIT_QUICK,TAX-WL-2.1,2026-11-20
      """;

  private final CampaignService campaigns;
  private final CampaignFigures figures;
  private final BranchAccess branchAccess;

  public CampaignController(CampaignService campaigns, CampaignFigures figures, BranchAccess branchAccess) {
    this.campaigns = campaigns;
    this.figures = figures;
    this.branchAccess = branchAccess;
  }

  @PostMapping(path = "/api/campaigns", consumes = "text/csv", produces = "application/json")
  @Operation(summary = "Import a whitelist (campaign managers)", description = """
      The body is the whitelist file (CSV, header line first; columns by key or Chinese name: creditCode 统一社会信用代码, \
      enterpriseName 企业名称, legalRepName 法定代表人, mobile 手机号码, estimatedLimit 预估额度, suggestedProduct 建议产品, \
      sourceModel 来源模型, sourceDate 模型日期, optional legalRepIdNumber 法定代表人身份证号), UTF-8 or, named in \
      Content-Type, GBK / GB18030; at most 5,000 enterprises and 1 MB. Every line is checked and reported; the accepted ones \
      become prospects of the customer managers of the branch whose grid covers them, balanced by open workload. \
      All or nothing. dryRun=true checks and reports without storing anything.""")
  @ApiResponse(responseCode = "201", description = "Imported: the report, line by line")
  @ApiResponse(responseCode = "200", description = "Dry run: the report, nothing stored")
  @ApiResponse(responseCode = "400", description = "No name, an unreadable file (encoding, header, no lines, too many): nothing stored",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "413", description = "A file above 1 MB: refused before it is read, nothing stored",
      content = @Content(mediaType = "application/problem+json"))
  public ResponseEntity<CampaignReport> importWhitelist(
      @Parameter(description = "the campaign's name", example = "2026年12月 汇川区税务白名单") @RequestParam(name = "name", required = false) String name,
      @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
      @RequestHeader(name = "Content-Type", required = false) String contentType,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "text/csv",
          examples = @ExampleObject(value = CSV_EXAMPLE))) @RequestBody byte[] body,
      Authentication caller) {
    CampaignReport report = campaigns.importWhitelist(new ImportWhitelist(name, decode(body, contentType), "whitelist",
        caller.getName(), dryRun));
    if (dryRun) {
      return ResponseEntity.ok(report);
    }
    return ResponseEntity.created(URI.create("/api/campaigns/" + report.campaign().id())).body(report);
  }

  @GetMapping(path = "/api/campaigns", produces = "application/json")
  @Operation(summary = "The latest campaigns (campaign managers)", description = "The 100 latest imports, newest first, with their counts")
  public List<CampaignReport.Summary> list() {
    return campaigns.campaigns(100);
  }

  @GetMapping(path = "/api/campaigns/{id}", produces = "application/json")
  @Operation(summary = "A campaign's import report (campaign managers)")
  @ApiResponse(responseCode = "200", description = "The report, line by line")
  @ApiResponse(responseCode = "404", description = "No such campaign", content = @Content(mediaType = "application/problem+json"))
  public CampaignReport report(@PathVariable("id") String id) {
    return campaigns.report(id);
  }

  @GetMapping(path = "/api/campaigns/{id}/figures", produces = "application/json")
  @Operation(summary = "A campaign's funnel per branch and customer manager",
      description = "prospects, contacted, interested, applied, approved, then disbursed (loans paid out, 已放款) and"
          + " linesOpened (revolving lines opened, 额度已开通: nothing paid out, not counted as disbursed), of those lines"
          + " linesDrawn (drawn on at least once, 已提款额度) and drawnAmount (what they drew, CNY): every drawdown since the"
          + " line opened, as the funnel has no period; beside them appliedElsewhere (已自行申请) and existingCustomers (已是我行客户),"
          + " the prospects ended as converted on their own, in neither applied nor after it, and of appliedElsewhere those"
          + " whose application was then rejected or withdrawn (appliedElsewhereRejectedOrWithdrawn); a branch's team lead sees the"
          + " branch's rows only")
  @ApiResponse(responseCode = "200", description = "The campaign's funnel")
  @ApiResponse(responseCode = "404", description = "No such campaign", content = @Content(mediaType = "application/problem+json"))
  public CampaignFigures.Figures campaignFigures(@PathVariable("id") String id, Authentication caller) {
    campaigns.report(id);
    return figures.of(id, branchAccess.readableBranches(caller));
  }

  @GetMapping(path = "/api/campaign-figures", produces = "application/json")
  @Operation(summary = "Every campaign's funnel per branch and customer manager", description = "as /api/campaigns/{id}/figures, all campaigns together")
  public CampaignFigures.Figures allFigures(Authentication caller) {
    return figures.of(null, branchAccess.readableBranches(caller));
  }

  /** The body as text in the charset its Content-Type names (UTF-8 when none); a byte that does not decode refuses the file. */
  static String decode(byte[] body, String contentType) {
    Charset charset = StandardCharsets.UTF_8;
    if (contentType != null) {
      Optional<Charset> named;
      try {
        named = Optional.ofNullable(MediaType.parseMediaType(contentType).getCharset());
      } catch (RuntimeException e) {
        throw refused("Content-Type", "UNSUPPORTED_CHARSET", "Content-Type 中的字符集无法识别; 请用 UTF-8、GBK 或 GB18030");
      }
      if (named.isPresent() && !CHARSETS.contains(named.get())) {
        throw refused("Content-Type", "UNSUPPORTED_CHARSET", "字符集 " + named.get() + " 不受支持; 请用 UTF-8、GBK 或 GB18030");
      }
      charset = named.orElse(charset);
    }
    try {
      return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body == null ? new byte[0] : body)).toString();
    } catch (CharacterCodingException e) {
      throw refused("whitelist", "INVALID_ENCODING", "白名单不是 " + charset + " 编码的文本; Excel 另存的 CSV 请在 Content-Type 中注明 charset=GBK");
    }
  }

  private static InvalidFieldsException refused(String field, String code, String message) {
    return new InvalidFieldsException(List.of(new FieldViolation(field, code, message)), message);
  }
}
