package dev.webbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DatabaseBudgetTest {
    @Test
    void statementsInFlightAreConnectionsTimesPipelining() {
        DatabaseBudget budget = new DatabaseBudget(4, 16, DatabaseBudget.Source.IMPLEMENTATION_DEFAULT);
        assertThat(budget.statementsInFlight()).isEqualTo(64);
        assertThat(budget.implementationDefault()).isTrue();
        assertThat(budget.logLine()).isEqualTo("database budget: 4 connections x 16 pipelined = 64 statements in flight (implementation default)");
        assertThat(new DatabaseBudget(1, 1, DatabaseBudget.Source.CONFIGURED).logLine())
                .isEqualTo("database budget: 1 connection x 1 pipelined = 1 statement in flight (configured)");
        assertThatThrownBy(() -> new DatabaseBudget(0, 1, DatabaseBudget.Source.CONFIGURED)).hasMessageContaining("0 x 1");
        assertThatThrownBy(() -> new DatabaseBudget(2, 0, DatabaseBudget.Source.CONFIGURED)).hasMessageContaining("2 x 0");
    }

    @Test
    void theLogLineReadsBackWhereverALoggerPutIt() {
        for (DatabaseBudget budget : new DatabaseBudget[] {new DatabaseBudget(9, 1, DatabaseBudget.Source.IMPLEMENTATION_DEFAULT),
                new DatabaseBudget(1, 1, DatabaseBudget.Source.CONFIGURED), new DatabaseBudget(2, 128, DatabaseBudget.Source.CONFIGURED)}) {
            assertThat(DatabaseBudget.parse(budget.logLine())).contains(budget);
            assertThat(DatabaseBudget.parse("[main] INFO dev.webbench.jdbc.JdbcPool - " + budget.logLine() + "\r")).contains(budget);
        }
        assertThat(DatabaseBudget.parse("[main] INFO impl-vertx listening on http://127.0.0.1:8080/")).isEmpty();
        assertThat(DatabaseBudget.find(Stream.of("starting", new DatabaseBudget(3, 1, DatabaseBudget.Source.CONFIGURED).logLine(),
                "listening", new DatabaseBudget(5, 1, DatabaseBudget.Source.CONFIGURED).logLine())))
                .as("the last start's").contains(new DatabaseBudget(5, 1, DatabaseBudget.Source.CONFIGURED));
        assertThat(DatabaseBudget.find(Stream.of("no budget here"))).isEmpty();
    }

    @Test
    void aLineThatDoesNotAddUpIsRefusedRatherThanBelieved() {
        assertThatThrownBy(() -> DatabaseBudget.parse("database budget: 4 connections x 16 pipelined = 60 statements in flight (configured)"))
                .hasMessageContaining("does not add up");
        assertThatThrownBy(() -> DatabaseBudget.parse("database budget: 4 connections x 16 pipelined = 64 statements in flight (guessed)"))
                .hasMessageContaining("guessed");
    }

    @Test
    void anImplementationWithoutPipeliningTakesThePoolSizeOrItsDefault() {
        assertThat(DatabaseBudget.oneStatementPerConnection(AppConfig.fromEnv(Map.of()), 9))
                .isEqualTo(new DatabaseBudget(9, 1, DatabaseBudget.Source.IMPLEMENTATION_DEFAULT));
        assertThat(DatabaseBudget.oneStatementPerConnection(AppConfig.fromEnv(Map.of("DB_POOL_SIZE", "24")), 9))
                .isEqualTo(new DatabaseBudget(24, 1, DatabaseBudget.Source.CONFIGURED));
        assertThat(DatabaseBudget.oneStatementPerConnection(AppConfig.fromEnv(Map.of("DB_POOL_SIZE", "24", "DB_PIPELINING", "1")), 9))
                .as("1 is no pipelining, which it honours").isEqualTo(new DatabaseBudget(24, 1, DatabaseBudget.Source.CONFIGURED));
    }

    @Test
    void anImplementationWithoutPipeliningRefusesToPipeline() {
        AppConfig pipelined = AppConfig.fromEnv(Map.of("DB_PIPELINING", "16"));
        assertThatThrownBy(() -> DatabaseBudget.oneStatementPerConnection(pipelined, 9))
                .hasMessageContaining("DB_PIPELINING=16").hasMessageContaining("DB_POOL_SIZE");
        assertThatThrownBy(() -> DatabaseBudget.refusePipelining(pipelined)).hasMessageContaining("cannot be honoured");
    }
}
