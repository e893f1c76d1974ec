package dev.webbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webbench.bench.run.Preset;
import dev.webbench.bench.target.CpuTopology;
import dev.webbench.bench.target.DatabaseBudgets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The help quotes the presets, so it says what a run without the option does. */
class CompareHelpTest {

    @Test
    void everyOptionHasADescriptionAndThePresetsDefaults() {
        CommandLine compare = Compare.commandLine();
        for (CommandLine command : List.of(compare, compare.getSubcommands().get("resilience"))) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                assertThat(String.join(" ", option.description())).as("%s %s", command.getCommandName(), option.longestName()).isNotBlank();
            }
        }
        String help = compare.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        assertThat(help).contains("(default " + Preset.FULL.durationSeconds() + "; quick " + Preset.QUICK.durationSeconds() + ")")
                .contains("(default " + Preset.FULL.connections() + " as in the original comparison; quick " + Preset.QUICK.connections() + ")")
                .contains("(default 16,64,256; quick none; 0 = none)")
                .contains("wrk " + Preset.QUICK.repetitions() + " x " + Preset.QUICK.durationSeconds() + " s per workload")
                .doesNotContain("%%");
        String resilience = compare.getSubcommands().get("resilience").getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        assertThat(resilience).contains("(default " + Preset.FULL.soakSeconds() + "; quick " + Preset.QUICK.soakSeconds() + ")");
    }

    @Test
    void aDatabaseBudgetOutsideOneToAThousandIsAUsageError() {
        for (String bad : List.of("0", "-3", "1001")) {
            Compare compare = parsed("--db-budget", bad, "--topology", "shared");
            assertThatThrownBy(() -> compare.dbBudgetRequest(compare.topologyRequest()))
                    .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("between 1 and 1000");
        }
        Compare compare = parsed("--db-budget", "12", "--topology", "shared");
        DatabaseBudgets.Request request = compare.dbBudgetRequest(compare.topologyRequest());
        assertThat(request.statements()).isEqualTo(12);
        assertThat(request.eventLoops()).as("unpinned servers see every CPU").isEqualTo(CpuTopology.allowedCpus().size());
        Compare pinned = parsed("--db-budget", "12", "--server-cpus", "0");
        assertThat(pinned.dbBudgetRequest(pinned.topologyRequest()).eventLoops()).as("pinned servers see their set").isEqualTo(1);
        Compare unset = parsed();
        assertThat(unset.dbBudgetRequest(unset.topologyRequest()).configured()).isFalse();
    }

    private static Compare parsed(String... args) {
        CommandLine commandLine = Compare.commandLine();
        commandLine.parseArgs(args);
        return commandLine.getCommand();
    }
}
