package com.smeloanflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.DemoData;
import com.smeloanflow.platform.rollout.ModelRollout;
import com.smeloanflow.platform.rollout.RolloutReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.util.FileSystemUtils;

/**
 * The process owner's rollout ({@link ModelRollout}) against the running test server, for the tests of a rollout: a
 * working copy of {@code bpmn/} and {@code forms/} of the test's own, an earlier version of a model deployed as the
 * latest, and the rollout itself, all under one deployment name of the test's own; after each test that deployment is
 * deleted with its instances (the other test classes' instances in the shared database stay where they are), and the
 * working copy is removed however the test ended. In a subclass of {@link AbstractIntegrationTest}:
 *
 * <pre>
 * &#64;RegisterExtension final ModelRolloutFixture rollout = new ModelRolloutFixture("renewal-rollout-test");
 * </pre>
 */
public final class ModelRolloutFixture implements BeforeEachCallback, AfterEachCallback {

  private static final Pattern FIRST_SHAPE = Pattern.compile("<dc:Bounds x=\"(\\d+)\"");

  private final String deploymentName;
  private RepositoryService repositoryService;
  private String server;
  private Path workingCopy;

  /** @param name what the test's deployments are called (with a random suffix per test) */
  public ModelRolloutFixture(String name) {
    this.deploymentName = name + "-" + UUID.randomUUID();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    ApplicationContext application = SpringExtension.getApplicationContext(context);
    repositoryService = application.getBean(RepositoryService.class);
    server = "http://localhost:" + application.getEnvironment().getRequiredProperty("local.server.port");
    Path created = Files.createTempDirectory("working-copy-");
    // Removed when the test's context closes, after every afterEach: also when the test, the deletion of its
    // deployments or another extension's afterEach failed.
    context.getStore(ExtensionContext.Namespace.create(ModelRolloutFixture.class, deploymentName))
        .put("workingCopy", (ExtensionContext.Store.CloseableResource) () -> FileSystemUtils.deleteRecursively(created));
    workingCopy = created;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    repositoryService.createDeploymentQuery().deploymentName(deploymentName).list()
        .forEach(deployment -> repositoryService.deleteDeployment(deployment.getId(), true));
  }

  /** The name of the test's deployments: the rollout's and {@link #deployAsLatest}'s. */
  public String deploymentName() {
    return deploymentName;
  }

  /**
   * Deploys an earlier version of one of the application's models (a test resource) as the latest, with the
   * application's forms, so that an instance started now starts on it.
   *
   * @param resource the model's resource name in the application ({@code bpmn/loan-renewal.bpmn})
   * @param earlierVersion the test resource holding the earlier version ({@code /rollout/...bpmn})
   */
  public void deployAsLatest(String resource, String earlierVersion) throws IOException {
    DeploymentBuilder deployment = repositoryService.createDeployment().name(deploymentName);
    try (InputStream old = getClass().getResourceAsStream(earlierVersion)) {
      assertThat(old).as(earlierVersion).isNotNull();
      deployment.addString(resource, new String(old.readAllBytes(), StandardCharsets.UTF_8));
    }
    try (var forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        deployment.addString("forms/" + form.getFileName(), Files.readString(form));
      }
    }
    deployment.deploy();
  }

  /** The working copy holds the application's model {@code resource} ({@code bpmn/x.bpmn}) as it is, and its forms. */
  public void workingCopyOf(String resource) throws IOException {
    workingCopyOf(resource, Files.readString(Path.of(resource)));
  }

  /**
   * The working copy holds the application's model {@code resource} with its first shape 10 px to the right (a new
   * version that changes nothing the engine runs), and its forms.
   */
  public void workingCopyWithFirstShapeMoved(String resource) throws IOException {
    String model = Files.readString(Path.of(resource));
    Matcher firstShape = FIRST_SHAPE.matcher(model);
    assertThat(firstShape.find()).isTrue();
    workingCopyOf(resource, model.substring(0, firstShape.start(1)) + (Integer.parseInt(firstShape.group(1)) + 10)
        + model.substring(firstShape.end(1)));
  }

  private void workingCopyOf(String resource, String model) throws IOException {
    Files.createDirectories(workingCopy.resolve("bpmn"));
    Files.createDirectories(workingCopy.resolve("forms"));
    Files.writeString(workingCopy.resolve(resource), model);
    try (var forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        Files.copy(form, workingCopy.resolve("forms").resolve(form.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The working copy holds {@code model} (a process of the test's own) as {@code bpmn/<its process id>.bpmn}. */
  public void workingCopyWith(String processId, BpmnModelInstance model) throws IOException {
    Files.createDirectories(workingCopy.resolve("bpmn"));
    Bpmn.writeModelToFile(workingCopy.resolve("bpmn/" + processId + ".bpmn").toFile(), model);
  }

  /** {@code user} rolls the working copy out: every running instance of a changed process is moved. */
  public RolloutReport rollOutAs(String user) {
    return ModelRollout.to(server, user, DemoData.PASSWORD).run(workingCopy, deploymentName);
  }

  /** The process owner rolls the working copy out, moving only the instances of these business keys. */
  public RolloutReport rollOutOnly(String... businessKeys) {
    return ModelRollout.to(server, "process-owner", DemoData.PASSWORD).onlyBusinessKeys(Set.of(businessKeys))
        .run(workingCopy, deploymentName);
  }
}
