import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import okhttp3.Request.Builder;
import okhttp3.Response;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The HTTP floor of the nightly run for bench/run.sh: the hello-world picocli command plus the one
 * request a no-change sync cannot skip, /version/Worldwide with OkHttp, and nothing else (no config
 * or lock file read; the answer only checked to be one). Started as bin/o365watch starts o365watch
 * (same JVM flags, same archive, the jar first on the class path): what the web-service client
 * alone adds to the floor, however the config and lock are read.
 */
@Command(name = "request", mixinStandardHelpOptions = true, description = "Asks /version once.")
public final class Request implements Callable<Integer> {
    @Option(names = "--source", required = true, description = "The web service's base URL.")
    String source;

    @Override
    public Integer call() throws Exception {
        String id = System.getenv().getOrDefault("O365WATCH_CLIENT_REQUEST_ID", "00000000-0000-0000-0000-000000000000");
        okhttp3.Request request = new Builder()
                .url(source + "/version/Worldwide?ClientRequestId=" + id)
                .build();
        try (Response response = new OkHttpClient().newCall(request).execute()) {
            String body = response.body().string();
            System.out.println(response.isSuccessful() && body.contains("\"latest\"") ? "asked" : "no answer");
            return response.isSuccessful() ? 0 : 1;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Request()).execute(args));
    }
}
