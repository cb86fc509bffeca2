package io.github.o365watch.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "completion",
        description = {
            "Prints a shell completion script for commands, options and their values.",
            "Values completed: target, instance, category and service area names, formats, files. Load it with:",
            "  bash: source <(o365watch completion bash)",
            "  zsh:  source <(o365watch completion zsh)"
        })
final class CompletionCommand extends BaseCommand {
    enum Shell {
        bash,
        zsh
    }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("o365watch", root.spec.commandLine());
        if (shell == Shell.zsh) {
            // picocli's script runs under zsh through bashcompinit
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        out().print(script);
        return ExitCodes.OK;
    }
}
