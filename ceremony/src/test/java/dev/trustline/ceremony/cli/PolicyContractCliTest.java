package dev.trustline.ceremony.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.policy.LeafExtKeyUsage;
import dev.trustline.core.policy.LeafKeyType;
import dev.trustline.core.policy.LeafKeyUsage;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.policy.SubjectTemplate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * bin/ceremony policy contract on the checked-in signed example: every fact the policy states appears on
 * the page (read from the policy itself, not from the renderer), the HTML is well-formed XML (the JDK's
 * parser), the signature is verified against the root, and an unsigned copy says so.
 */
class PolicyContractCliTest {
    static final Path SIGNED = Path.of(System.getProperty("trustline.root", ".."), "policies/examples/signed");
    static final Path POLICY = SIGNED.resolve("shenzhen-gateways-2026.yaml");

    private static int run(StringWriter err, String... args) {
        return CeremonyCli.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    /** What the contract must state, taken from the policy. */
    static List<String> facts(Policy p) {
        List<String> f = new ArrayList<>(List.of(p.id(), "v" + p.version(), p.environment().configName(), p.factory(),
                p.deviceId().pattern().pattern(), p.deviceId().checksum().configName(), p.sha256(),
                Integer.toString(p.leaf().validityDays()), p.issuer().describe(), p.notBefore().toString(), p.notAfter().toString()));
        p.stations().forEach(f::add);
        p.leaf().keyTypes().stream().map(LeafKeyType::configName).forEach(f::add);
        p.leaf().keyUsage().stream().map(LeafKeyUsage::configName).forEach(f::add);
        p.leaf().extKeyUsage().stream().map(LeafExtKeyUsage::configName).forEach(f::add);
        p.leaf().san().uris().forEach(f::add);
        for (SubjectTemplate.Attribute a : p.leaf().subject().attributes()) {
            f.add(a.name() + "=" + a.template());
        }
        f.addAll(List.of("device-identity", "trustline-challenge-v1", "debug lock", "secure element", "not allowed"));
        return f;
    }

    @Test
    void contract_signedExample_html_statesEveryFactOfThePolicyAndIsWellFormed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("contract.html");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "policy", "contract", POLICY.toString(), "--root", SIGNED.resolve("test-root.pem").toString(),
                "--out", out.toString()), err.toString());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        String text = doc.getDocumentElement().getTextContent();
        for (String fact : facts(Policy.load(POLICY))) {
            assertTrue(text.contains(fact), "the contract misses: " + fact);
        }
        assertTrue(text.contains("verified: signed by"), text);
    }

    @Test
    void contract_markdown_statesEveryFact(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("contract.md");
        assertEquals(0, run(new StringWriter(), "policy", "contract", POLICY.toString(), "--out", out.toString()));
        String md = Files.readString(out);
        for (String fact : facts(Policy.load(POLICY))) {
            assertTrue(md.contains(fact), "the contract misses: " + fact);
        }
        assertTrue(md.contains("not verified here"), md);
    }

    @Test
    void contract_unsignedCopy_saysUnsigned(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("p.yaml");
        Files.copy(POLICY, copy);
        Path out = dir.resolve("c.md");
        assertEquals(0, run(new StringWriter(), "policy", "contract", copy.toString(), "--out", out.toString()));
        assertTrue(Files.readString(out).contains("UNSIGNED"));
    }

    @Test
    void contract_wrongRoot_failsWithOneLine(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        int rc = run(err, "policy", "contract", POLICY.toString(), "--root", SIGNED.resolve("test-intermediate.pem").toString(),
                "--out", dir.resolve("c.html").toString());
        assertEquals(1, rc);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("error: "));
    }

    @Test
    void contract_otherExtension_isRefused(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "policy", "contract", POLICY.toString(), "--out", dir.resolve("c.pdf").toString()));
        assertTrue(err.toString().contains("must end in .html or .md"));
    }
}
