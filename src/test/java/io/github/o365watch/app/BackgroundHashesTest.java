package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Checksums;
import io.github.o365watch.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackgroundHashesTest {

    @Test
    void eachHashIsTheSha256OfItsOwnBytesWhateverTheOrderTheyAreAskedIn() {
        List<byte[]> contents = new ArrayList<>();
        contents.add(new byte[0]);
        contents.add(Fixtures.endpoints("Worldwide", "2019112700"));
        Random random = new Random(18);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[random.nextInt(5000)];
            random.nextBytes(b);
            contents.add(b);
        }
        List<BackgroundHashes.Hash> hashes = new ArrayList<>();
        try (BackgroundHashes background = new BackgroundHashes()) {
            contents.forEach(c -> hashes.add(background.sha256(c)));
            // asked last to first: each waits for its own
            for (int i = contents.size() - 1; i >= 0; i--) {
                assertThat(hashes.get(i).get()).isEqualTo(Checksums.sha256(contents.get(i)));
            }
        }
        assertThat(hashes.get(0).get()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aCallerInterruptedWhileWaitingStillGetsTheHash() {
        byte[] content = Fixtures.endpoints("Worldwide", "2019112700");
        try (BackgroundHashes background = new BackgroundHashes()) {
            BackgroundHashes.Hash h = background.sha256(content);
            Thread.currentThread().interrupt();
            try {
                assertThat(h.get()).isEqualTo(Checksums.sha256(content));
            } finally {
                assertThat(Thread.interrupted()).isTrue();
            }
        }
    }
}
