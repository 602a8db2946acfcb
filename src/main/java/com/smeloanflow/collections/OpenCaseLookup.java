package com.smeloanflow.collections;

import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.servicing.CollectionCaseLookup;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/** The loan view's open collection case, with the names of its open tasks. */
@Component
public class OpenCaseLookup implements CollectionCaseLookup {

  /** A case has one or two open tasks; the view never asks the engine for more than this. */
  private static final int MAX_OPEN_TASKS = 20;

  private final CollectionRepository cases;
  private final TaskService tasks;

  public OpenCaseLookup(CollectionRepository cases, TaskService tasks) {
    this.cases = cases;
    this.tasks = tasks;
  }

  @Override
  public Optional<CaseSummary> openCaseOf(String loanId) {
    return cases.openCaseOf(loanId).map(c -> new CaseSummary(c.caseId(), c.status(), c.statusLabel(), c.openedOn(),
        c.ladderStep(), CollectionAction.rungLabel(c.ladderStep()),
        c.processInstanceId() == null ? java.util.List.of() : tasks.createTaskQuery().processInstanceId(c.processInstanceId())
            .processDefinitionKey(CollectionProcess.KEY).listPage(0, MAX_OPEN_TASKS).stream().map(t -> t.getName()).toList()));
  }
}
