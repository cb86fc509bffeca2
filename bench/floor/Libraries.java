import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The second floor of the nightly run for bench/run.sh: the least a no-change sync does, with the
 * libraries o365watch is built on and nothing of o365watch's own. It reads the site's
 * o365watch.yaml (Jackson's YAML mapper) for the source, the lock file (Jackson) for the applied
 * version, asks /version/Worldwide once (OkHttp), compares, and says "up to date". Started as
 * bin/o365watch starts o365watch (same JVM flags, same archive, the jar first on the class path),
 * it is what no change of o365watch's own code can take below while it keeps these libraries.
 */
@Command(name = "libraries", mixinStandardHelpOptions = true, description = "Asks once; says up to date.")
public final class Libraries implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "o365watch.yaml", description = "The site's config file.")
    File config;

    @Override
    public Integer call() throws Exception {
        JsonNode site = new YAMLMapper().readTree(config);
        String source = site.path("source").asText("https://endpoints.office.com");
        ObjectMapper json = new ObjectMapper();
        JsonNode lock = json.readTree(new File(config.getAbsoluteFile().getParentFile(), "o365watch.lock"));
        String applied = lock.path("instances").path("Worldwide").path("version").asText("0000000000");
        String id = System.getenv().getOrDefault("O365WATCH_CLIENT_REQUEST_ID", "00000000-0000-0000-0000-000000000000");
        Request request = new Request.Builder()
                .url(source + "/version/Worldwide?ClientRequestId=" + id)
                .build();
        try (Response response = new OkHttpClient().newCall(request).execute()) {
            String latest = json.readTree(response.body().byteStream()).path("latest").asText();
            System.out.println(latest.compareTo(applied) <= 0 ? "Worldwide: up to date" : "Worldwide: new " + latest);
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Libraries()).execute(args));
    }
}
