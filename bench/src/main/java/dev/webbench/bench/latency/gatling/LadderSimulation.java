package dev.webbench.bench.latency.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.webbench.bench.model.Results;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open-model latency ladder of one target (plan: system property {@code webbench.plan}). Users arrive at a
 * fixed rate whatever the server's latency ({@code constantUsersPerSec}), each sends one request over a shared
 * keep-alive pool, so queueing shows up in the latency instead of slowing the load as in wrk. Steps run one after
 * another; every request is named after its step, and an assertion requires zero failures in each. When each
 * step's users really started is written to {@code webbench.arrivals} (see {@link Arrivals}). A ladder whose target
 * falls more than a second behind is abandoned: the remaining users of the step, and of every later one, start and
 * leave without a request.
 */
public class LadderSimulation extends Simulation {
    private static final AtomicLong CREATED = new AtomicLong();
    private final Arrivals arrivals = new Arrivals();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Set once more than a second's worth of requests is in flight: the target is beyond capacity. */
    private volatile boolean abandoned;

    public LadderSimulation() {
        LadderPlan plan = LadderPlan.read(Path.of(System.getProperty("webbench.plan")));
        // Like an API client with a connection pool, not a browser per user; Gatling's warm-up URL is external.
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl()).shareConnections().disableWarmUp().disableCaching()
                .acceptHeader("application/json");

        List<PopulationBuilder> phases = new ArrayList<>();
        if (plan.warmupSeconds() > 0 && !plan.steps().isEmpty()) {
            // Gatling's own JVM starts cold, and its JIT learns from volume: a ramp up to the second step's rate (half
            // the peak by default) warms it and the target without overloading either. Named apart, so not measured.
            LadderPlan.Step first = plan.steps().getFirst();
            double top = plan.steps().size() > 1 ? plan.steps().get(1).rate() : first.rate();
            phases.add(scenario("warm-up").exec(request(first.endpoint(), "warm-up " + first.endpoint()))
                    .injectOpen(rampUsersPerSec(Math.max(1, first.rate() / 4)).to(top).during(Duration.ofSeconds(plan.warmupSeconds()))));
        }
        for (LadderPlan.Step step : plan.steps()) {
            String name = step.requestName();
            int limit = inFlightLimit(step.rate());
            phases.add(scenario(name)
                    .exec(session -> {
                        arrivals.started(name);
                        if (abandoned) {
                            arrivals.abandoned(name);
                        }
                        return session;
                    })
                    .exitHereIf(session -> abandoned)
                    .exec(session -> {
                        if (inFlight.incrementAndGet() > limit && !abandoned) {
                            abandoned = true;
                            arrivals.abandoned(name);
                        }
                        return session;
                    })
                    .exec(request(step.endpoint(), name))
                    .exec(session -> {
                        inFlight.decrementAndGet();
                        return session;
                    })
                    .injectOpen(constantUsersPerSec(step.rate()).during(Duration.ofSeconds(plan.stepSeconds()))));
        }
        PopulationBuilder chain = phases.getLast();
        for (int i = phases.size() - 2; i >= 0; i--) {
            chain = phases.get(i).andThen(chain);
        }
        setUp(chain).protocols(protocol).assertions(forAll().failedRequests().count().is(0L));
    }

    @Override
    public void after() {
        arrivals.write(Path.of(System.getProperty("webbench.arrivals")));
    }

    /**
     * Requests in flight beyond which the ladder stops: a second's worth at the step's rate (at least 1,000, at most
     * 20,000). By then the target is far past its SLO, the rest of the ladder would only pile up connections and
     * memory in both processes, and Gatling itself would run out of heap or file descriptors.
     */
    static int inFlightLimit(double rate) {
        return (int) Math.max(1_000, Math.min(rate, 20_000));
    }

    private static ChainBuilder request(String endpoint, String name) {
        return switch (endpoint) {
            case "seed" -> exec(http(name).get("/brands").check(status().is(200)));
            case "time" -> exec(http(name).get("/time").check(status().is(200)));
            case "product-by-id" -> exec(http(name).get(session -> "/products/" + ThreadLocalRandom.current().nextInt(1, 1001))
                    .check(status().is(200)));
            case "create-product" -> exec(http(name).post("/product").body(StringBody(session -> newProduct())).asJson()
                    .check(status().is(201)));
            case Results.Ladder.MIXED -> randomSwitch().on(LadderPlan.MIX.stream()
                    .map(share -> percent(share.percent()).then(request(share.endpoint(), name))).toList());
            default -> throw new IllegalArgumentException("no Gatling request for endpoint '" + endpoint + "'");
        };
    }

    private static String newProduct() {
        long n = CREATED.incrementAndGet();
        return "{\"product_name\":\"gatling-" + ProcessHandle.current().pid() + "-" + n + "\",\"brand_id\":" + (n % 100 + 1) + "}";
    }
}
