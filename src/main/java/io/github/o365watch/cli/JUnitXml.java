package io.github.o365watch.cli;

import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A JUnit XML test suite, the form CI systems show as test results (check and verify write one). */
final class JUnitXml {
    private JUnitXml() {}

    /**
     * One test case: passed (no failure), failed with a message and details, or skipped with a
     * message (what was not tested, shown apart by CI); optional output shown beside it.
     */
    record Case(String name, String failureType, String failureMessage, String details, String skipped) {
        static Case passed(String name, String output) {
            return new Case(name, null, null, output, null);
        }

        static Case failed(String name, String type, String message, String details) {
            return new Case(name, type, message, details, null);
        }

        static Case skipped(String name, String message, String output) {
            return new Case(name, null, null, output, message);
        }

        boolean failed() {
            return failureType != null;
        }
    }

    static String suite(String name, String classname, List<Case> cases) {
        StringWriter w = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", xml(name));
            x.writeAttribute("tests", Integer.toString(cases.size()));
            x.writeAttribute(
                    "failures",
                    Long.toString(cases.stream().filter(Case::failed).count()));
            x.writeAttribute("errors", "0");
            x.writeAttribute(
                    "skipped",
                    Long.toString(
                            cases.stream().filter(c -> c.skipped() != null).count()));
            x.writeCharacters("\n");
            for (Case c : cases) {
                x.writeCharacters("  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", classname);
                x.writeAttribute("name", xml(c.name()));
                if (c.skipped() != null) {
                    x.writeCharacters("\n    ");
                    x.writeEmptyElement("skipped");
                    x.writeAttribute("message", xml(c.skipped()));
                }
                if (c.failed() || c.details() != null && !c.details().isEmpty()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement(c.failed() ? "failure" : "system-out");
                    if (c.failed()) {
                        x.writeAttribute("message", xml(c.failureMessage()));
                        x.writeAttribute("type", c.failureType());
                    }
                    x.writeCharacters(xml(c.details() == null ? "" : c.details()));
                    x.writeEndElement();
                }
                if (c.failed()
                        || c.skipped() != null
                        || c.details() != null && !c.details().isEmpty()) {
                    x.writeCharacters("\n  ");
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML", e);
        }
        return w.toString();
    }

    /** XML 1.0 cannot carry most control characters, escaped or not; they become spaces. */
    private static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints()
                .forEach(c -> b.appendCodePoint(
                        c == '\t'
                                        || c == '\n'
                                        || c == '\r'
                                        || c >= 0x20 && c <= 0xd7ff
                                        || c >= 0xe000 && c <= 0xfffd
                                        || c >= 0x10000
                                ? c
                                : ' '));
        return b.toString();
    }
}
