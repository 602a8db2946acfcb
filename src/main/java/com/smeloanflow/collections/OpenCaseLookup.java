package com.smeloanflow.collections;

import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.servicing.CollectionCaseLookup;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/** The loan view's open collection case, with the names of its open tasks. */
@Component
public class OpenCaseLookup implements CollectionCaseLookup {

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
            .processDefinitionKey(CollectionProcess.KEY).list().stream().map(t -> t.getName()).toList()));
  }
}
