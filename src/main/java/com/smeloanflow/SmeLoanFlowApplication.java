package com.smeloanflow;

import com.smeloanflow.platform.DefaultCharsetCheck;
import com.smeloanflow.platform.ServiceProviderPins;
import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The SME loan flow: a Camunda 7 process application. BPMN, DMN and forms are deployed from
 * {@code bpmn/} and {@code forms/} by {@code META-INF/processes.xml}, which gives them stable
 * resource names whether the app runs from a fat jar, {@code spring-boot:run} or a test.
 */
@SpringBootApplication
@EnableProcessApplication("sme-loan-flow")
@ConfigurationPropertiesScan
public class SmeLoanFlowApplication {

  public static void main(String[] args) {
    DefaultCharsetCheck.exitUnlessUtf8();
    ServiceProviderPins.pin();
    SpringApplication.run(SmeLoanFlowApplication.class, args);
  }
}
