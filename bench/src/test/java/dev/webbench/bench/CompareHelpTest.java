package dev.webbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.run.Preset;
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
}
