package com.smeloanflow.campaign;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.process.WhitelistProspectProcess;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Who gets a branch's new prospects: its customer managers (members of {@code <branch>-customer-managers}),
 * each next prospect to the one with the least open work, ties to the first user id. Open work is a
 * manager's open prospects (whether their contact task is open or they wait for a follow-up date) plus
 * every other task assigned to them (field investigations, checks, ...). So a whitelist leaves the
 * managers' open work at most one apart, unless one of them had more open work before than the
 * whitelist's prospects can even out (that manager then gets none).
 */
@Component
class ProspectAssignment {

  /** Managers read per branch: far more than a branch has. */
  private static final int MAX_MANAGERS = 500;

  private final IdentityService identityService;
  private final TaskService taskService;
  private final CampaignRepository repository;

  ProspectAssignment(IdentityService identityService, TaskService taskService, CampaignRepository repository) {
    this.identityService = identityService;
    this.taskService = taskService;
    this.repository = repository;
  }

  /** Hands out a branch's prospects one at a time, keeping the managers' open work balanced. */
  final class Branch {
    private record Load(String manager, int open) {}

    private final PriorityQueue<Load> queue = new PriorityQueue<>(
        Comparator.comparingInt(Load::open).thenComparing(Load::manager));

    private Branch(Map<String, Integer> workload) {
      workload.forEach((manager, open) -> queue.add(new Load(manager, open)));
    }

    /** The manager the next prospect goes to; empty when the branch has none. */
    Optional<String> next() {
      Load least = queue.poll();
      if (least == null) {
        return Optional.empty();
      }
      queue.add(new Load(least.manager(), least.open() + 1));
      return Optional.of(least.manager());
    }
  }

  /** The branch's managers with their open work now. */
  Branch of(String branchCode) {
    return new Branch(workload(branchCode));
  }

  /** The open work of each of the branch's managers now (prospects and other tasks). */
  Map<String, Integer> workload(String branchCode) {
    Map<String, Integer> loads = new HashMap<>();
    Map<String, Integer> prospects = repository.openProspectsPerManager(branchCode);
    for (User manager : identityService.createUserQuery().memberOfGroup(Groups.customerManagers(branchCode))
        .orderByUserId().asc().listPage(0, MAX_MANAGERS)) {
      loads.put(manager.getId(), prospects.getOrDefault(manager.getId(), 0) + otherOpenTasks(manager.getId()));
    }
    return loads;
  }

  private int otherOpenTasks(String manager) {
    long all = taskService.createTaskQuery().taskAssignee(manager).count();
    long contacts = taskService.createTaskQuery().taskAssignee(manager).processDefinitionKey(WhitelistProspectProcess.KEY).count();
    return (int) (all - contacts);
  }
}
