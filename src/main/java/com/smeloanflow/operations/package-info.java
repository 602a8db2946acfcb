/**
 * Running the application as a cluster (neutral: serves every stage, depends on none): the node's
 * name in the job executor's lock owner, handing queued jobs back on a graceful shutdown, the job
 * executor's health for the load balancer's readiness probe, and the metrics an operations team
 * scrapes from {@code /actuator/prometheus} (the engine's job executor counters, jobs, incidents,
 * open tasks per candidate group, and business counters read from the stages' tables). The README's
 * "Running a cluster" section explains every setting.
 */
package com.smeloanflow.operations;
