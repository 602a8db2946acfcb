package com.smeloanflow.campaign;

import static com.smeloanflow.process.WhitelistCampaignProcess.Variables.IMPORTED_BY;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.StaffText;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Start listener of whitelist-campaign: Tasklist's start form (白名单导入) carries the campaign's name and
 * the whitelist as CSV text. The import runs at once ({@link CampaignService#importWhitelist}); a file
 * that cannot be read aborts the start naming what is wrong, nothing stored. The instance gets the
 * campaign id as business key; the form's text is not kept as a variable (the report is in the tables).
 *
 * <p>Why text and not a file: the Camunda Forms of Tasklist 7.24 (form-js 1.8) have no file upload, and
 * the engine stores a string variable in a 4,000-character column, so the form takes a whitelist of up to
 * 4,000 characters (its {@code maxLength}, some 30 enterprises; the form says a larger file goes over
 * {@code POST /api/campaigns}). A longer text is refused before this listener runs, by the form's length
 * limit that {@code platform.FormLengthGuard} keeps on every start with a start form; the refusal names that endpoint
 * too (the field's {@code tooLongHint}).
 */
@Component("whitelistImport")
public class WhitelistImportListener implements ExecutionListener {

  static final String NAME_FIELD = "campaignName";
  static final String CSV_FIELD = "whitelistCsv";

  private final CampaignService campaigns;
  private final IdentityService identityService;

  public WhitelistImportListener(CampaignService campaigns, IdentityService identityService) {
    this.campaigns = campaigns;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication authentication = identityService.getCurrentAuthentication();
    String importer = authentication == null ? null : authentication.getUserId();
    if (importer == null || identityService.createGroupQuery().groupMember(importer).groupId(Groups.CAMPAIGN_MANAGERS).count() == 0) {
      throw new AuthorizationException(StaffText.of("白名单须由营销管理岗 (" + Groups.CAMPAIGN_MANAGERS + ") 登录后导入",
          "a whitelist is imported only by a logged-in member of " + Groups.CAMPAIGN_MANAGERS));
    }
    Object csv = execution.getVariable(CSV_FIELD);
    Object name = execution.getVariable(NAME_FIELD);
    CampaignReport report = campaigns.importWhitelist(new ImportWhitelist(name == null ? null : name.toString(),
        csv == null ? null : csv.toString(), CSV_FIELD, importer, false));
    execution.removeVariables(List.of(NAME_FIELD, CSV_FIELD));
    execution.setProcessBusinessKey(report.campaign().id());
    IMPORTED_BY.set(execution, importer);
  }
}
