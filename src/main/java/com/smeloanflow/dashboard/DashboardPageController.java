package com.smeloanflow.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard page ({@code /dashboard}): static HTML and JavaScript from {@code static/dashboard/} with
 * Chart.js bundled in the jar. The page holds no figure: it asks the reader to log in and reads
 * {@code /api/dashboard} with the reader's credentials (HTTP Basic), so the API's rules apply unchanged.
 */
@Controller
@Hidden
public class DashboardPageController {

  @GetMapping({"/dashboard", "/dashboard/"})
  public String page() {
    return "forward:/dashboard/index.html";
  }
}
