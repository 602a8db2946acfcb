package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;

class TaskFormTest {

  /**
   * A text padded with ideographic spaces (a Chinese keyboard's full-width space) is stored as the form's limit counted
   * it, without them: before, Java's trim() kept them, so 500 characters plus any number of them passed the 500 limit
   * and went into the credit file in full.
   */
  @Test
  void aTextIsStoredWithoutTheWhitespaceTheFormsLengthLimitDoesNotCount() {
    String question = "请补充近三个月的银行流水";
    DelegateTask task = mock(DelegateTask.class);
    when(task.getVariable("returnQuestion")).thenReturn("\u3000 " + question + "\u3000\u3000\u00A0\n");
    when(task.getVariable("blank")).thenReturn("\u3000\u00A0 ");

    assertThat(TaskForm.of(task).text("returnQuestion")).isEqualTo(question);
    assertThat(TaskForm.of(task).text("blank")).isNull();
    assertThat(TaskForm.of(task).text("absent")).isNull();
  }
}
