package org.rekindle.ruleset;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.drools.ancompiler.KieBaseUpdaterANC;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieContainer;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;

/**
 * (Bench only.) The live ruleset's rules and catalogue on a knowledge base built another way: with other
 * KieBase options, with the alpha-network compiler, or as Drools' executable model. Lives in the ruleset
 * package to reach {@link Ruleset}'s constructor; the catalogue (rule ids, reasons, lines) is the one the
 * normal load produced, so the engine runs unchanged on top.
 */
public final class LeverRulesets {

    /** A ruleset built for a lever, and how long its knowledge base took to build. */
    public record Built(Ruleset ruleset, long buildMillis) {
    }

    private static final AtomicInteger RELEASES = new AtomicInteger();

    private LeverRulesets() {
    }

    /**
     * The rule files compiled as DRL (decision tables through Drools' own spreadsheet compiler), the
     * way the main build does it, then optionally the alpha-network compiler run over the result.
     */
    public static Built drl(Ruleset base, boolean alphaNetworkCompiler) {
        long start = System.nanoTime();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (Map.Entry<String, String> source : drlSources(base.bundle()).entrySet()) {
            builder.add(ResourceFactory.newByteArrayResource(source.getValue().getBytes(StandardCharsets.UTF_8))
                    .setSourcePath(source.getKey()), ResourceType.DRL);
        }
        if (builder.hasErrors()) {
            throw new IllegalStateException("the rules did not compile: " + builder.getErrors());
        }
        KieBase kieBase = builder.newKieBase();
        if (alphaNetworkCompiler) {
            KieBaseUpdaterANC.generateAndSetInMemoryANC(kieBase);
        }
        return new Built(copy(base, kieBase), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The rule files built by a KieBuilder into a KieContainer, as DRL or as Drools' executable model
     * (rules turned into Java and compiled in memory), with KieBase options.
     *
     * @param executableModel      build the executable model rather than plain DRL
     * @param conf                 KieBase options, or null for the defaults
     * @param alphaNetworkCompiler compile the alpha network to bytecode after building
     */
    public static Built container(Ruleset base, boolean executableModel, KieBaseConfiguration conf,
            boolean alphaNetworkCompiler) {
        long start = System.nanoTime();
        KieServices services = KieServices.get();
        KieFileSystem files = services.newKieFileSystem();
        ReleaseId release = services.newReleaseId("org.rekindle.bench", "lever", "1." + RELEASES.incrementAndGet());
        files.generateAndWritePomXML(release);
        for (Map.Entry<String, String> source : drlSources(base.bundle()).entrySet()) {
            String name = source.getKey().substring(source.getKey().lastIndexOf('/') + 1).replace(".drl.csv", ".drl");
            String pkg = name.substring(0, name.indexOf('.'));
            files.write("src/main/resources/" + pkg + "/" + name, source.getValue());
        }
        KieBuilder builder = services.newKieBuilder(files);
        if (executableModel) {
            builder.buildAll(ExecutableModelProject.class);
        } else {
            builder.buildAll();
        }
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the rules did not build: " + errors);
        }
        KieContainer container = services.newKieContainer(release);
        KieBase kieBase = conf == null ? container.getKieBase() : container.newKieBase(conf);
        if (alphaNetworkCompiler) {
            KieBaseUpdaterANC.generateAndSetInMemoryANC(kieBase);
        }
        services.getRepository().removeKieModule(release);
        return new Built(copy(base, kieBase), (System.nanoTime() - start) / 1_000_000);
    }

    /** Path to DRL text of every rule file: .drl as written, .drl.csv through the spreadsheet compiler. */
    private static Map<String, String> drlSources(Bundle bundle) {
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        List<BundleFile> files = new ArrayList<>(bundle.files("rules/", ".drl"));
        files.addAll(bundle.files("rules/", ".drl.csv"));
        files.sort(java.util.Comparator.comparing(BundleFile::path));
        for (BundleFile file : files) {
            if (file.path().endsWith(".drl.csv")) {
                sources.put(file.path(), new SpreadsheetCompiler().compile(new ByteArrayInputStream(file.bytes()),
                        InputType.CSV));
            } else {
                sources.put(file.path(), file.text());
            }
        }
        return sources;
    }

    private static Ruleset copy(Ruleset base, KieBase kieBase) {
        Map<String, RuleInfo> rules = new HashMap<>();
        for (RuleInfo rule : base.rules()) {
            rules.put(rule.key(), rule);
        }
        return new Ruleset(base.bundle(), base.content(), kieBase, rules);
    }
}
