package dev.webbench.bench.latency.gatling;

import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The WebSocket counter under a connection ramp (plan: system property {@code webbench.plan}). Each user's connect
 * waits until the broadcast count equals the number of users, which the contract promises once everyone is
 * connected: a lost, reordered or miscounted broadcast leaves some user waiting, and its check fails. Gatling times
 * the handshake ("connect") and the wait for the full count.
 */
public class CounterSimulation extends Simulation {
    public static final String CONNECT = "connect";
    public static final String SEES_ALL = "sees everyone connected";
    public static final String CLOSE = "close";

    public CounterSimulation() {
        CounterPlan plan = CounterPlan.read(Path.of(System.getProperty("webbench.plan")));
        String everyone = "^" + plan.clients() + "$";
        ScenarioBuilder clients = scenario("counter clients")
                .exec(ws(CONNECT).connect("/counter").await(Duration.ofSeconds(plan.awaitSeconds()))
                        .on(ws.checkTextMessage(SEES_ALL).matching(regex(everyone)).check(regex(everyone))))
                .pause(Duration.ofSeconds(plan.holdSeconds()))
                .exec(ws(CLOSE).close());
        setUp(clients.injectOpen(rampUsers(plan.clients()).during(Duration.ofSeconds(plan.rampSeconds()))))
                .protocols(http.wsBaseUrl(plan.wsBaseUrl()))
                .assertions(forAll().failedRequests().count().is(0L), global().successfulRequests().count().gte((long) plan.clients()));
    }
}
