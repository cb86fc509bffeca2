package io.github.o365watch.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "completion",
        description = {
            "Prints a shell completion script. Load it with:",
            "  bash: source <(o365watch completion bash)",
            "  zsh:  source <(o365watch completion zsh)"})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @ParentCommand
    Root root;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("o365watch", root.spec.commandLine());
        if (shell == Shell.zsh) {
            // picocli's script runs under zsh through bashcompinit
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        root.spec.commandLine().getOut().print(script);
        return ExitCodes.OK;
    }
}
