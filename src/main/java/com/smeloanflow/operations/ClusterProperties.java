package com.smeloanflow.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a node runs in the cluster ({@code smeloan.cluster.*}).
 *
 * @param nodeName the node's name in logs, in the job executor's lock owner ({@code <node>#<8 hex digits>}, new at
 *     each start) and in PostgreSQL's {@code application_name}; {@code SMELOAN_NODE_NAME}, else the environment's
 *     {@code HOSTNAME} (application.yaml), else {@code node}
 * @param jobHandOverTimeout how long a graceful shutdown waits for the jobs this node is running
 *     before it hands the jobs it has acquired but not started back to the other nodes
 * @param metricsRefreshInterval how often the node refreshes the cluster-wide figures (applications,
 *     postings, mails, jobs, incidents, open tasks) that {@code /actuator/prometheus} shows: it reads
 *     them only when the figures any node stored are older than nine tenths of this, otherwise it
 *     shows the stored ones ({@link OperationsMetrics}); zero turns the refresh off
 * @param totalsRefreshInterval how often, of those reads, one also counts the totals that only grow with the book
 *     (applications in a final status, routes, postings, sent mails): each reads a whole table
 */
@ConfigurationProperties(prefix = "smeloan.cluster")
public record ClusterProperties(
    @DefaultValue("node") String nodeName,
    @DefaultValue("PT25S") Duration jobHandOverTimeout,
    @DefaultValue("PT30S") Duration metricsRefreshInterval,
    @DefaultValue("PT5M") Duration totalsRefreshInterval) {
}
