/**
 * Test helpers shared by the test packages: the CLI run in-process with its own machine
 * ({@link io.github.o365watch.testing.TestCli}), WireMock playing the web service with published
 * data ({@link io.github.o365watch.testing.FakeService}), fixtures, golden files, tree snapshots,
 * external tools, a headless browser, synthetic and hostile feeds, and the child JVM of the crash harness.
 */
package io.github.o365watch.testing;
