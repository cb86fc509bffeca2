import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The floor of the nightly run for bench/run.sh: a hello-world picocli command, started as
 * bin/o365watch starts o365watch (the same JVM flags, the same class-data archive, the jar first on
 * the class path), doing nothing else. What no change of o365watch's own can take below.
 */
@Command(name = "hello", mixinStandardHelpOptions = true, description = "Says hello.")
public final class Hello implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("hello");
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Hello()).execute(args));
    }
}
