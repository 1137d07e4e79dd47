package org.rekindle.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderFactory;

/**
 * The second line of defence behind {@link RulePolicy}: the parent class loader of the classes Drools
 * generates for rule consequences. It lets them see the fact model, Drools itself and plain values
 * from {@code java.lang} and {@code java.util}, and nothing that reaches the machine: no files,
 * network, processes, threads, class loaders, reflection or {@code System}. Classes and class files
 * (which the Java compiler reads as resources) are filtered alike, so a consequence naming a refused
 * class does not compile, and one that got past the compiler cannot link against it.
 *
 * <p>It does not cover conditions: Drools evaluates those through MVEL, which reflects on the real
 * objects. The allow-list grammar is the defence there; this loader only narrows what a mistake in
 * that grammar could reach.
 */
final class RuleClassLoader extends ClassLoader {

    private static final List<String> ALLOWED_PACKAGES = List.of(
            "java.lang.", "java.util.", "java.math.", "org.rekindle.model.", "org.drools.", "org.kie.");
    private static final List<String> REFUSED_PACKAGES = List.of(
            "java.lang.reflect.", "java.lang.invoke.", "java.lang.ref.", "java.lang.instrument.",
            "java.lang.management.", "java.lang.module.", "java.lang.constant.", "java.util.concurrent.",
            "java.util.jar.", "java.util.zip.", "java.util.logging.", "java.util.prefs.", "java.util.spi.");
    private static final Set<String> REFUSED_CLASSES = Set.of(
            "java.lang.Runtime", "java.lang.Process", "java.lang.ProcessBuilder", "java.lang.ProcessHandle",
            "java.lang.System", "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.ClassLoader",
            "java.lang.Module", "java.lang.ModuleLayer", "java.lang.StackWalker", "java.lang.SecurityManager",
            "java.lang.InheritableThreadLocal", "java.lang.ThreadLocal", "java.lang.Compiler",
            "java.util.ServiceLoader", "java.util.Scanner", "java.util.Timer", "java.util.TimerTask");

    private static final RuleClassLoader INSTANCE = new RuleClassLoader(RuleClassLoader.class.getClassLoader());

    private final ClassLoader delegate;

    private RuleClassLoader(ClassLoader delegate) {
        super("rekindle-rules", null);
        this.delegate = delegate;
    }

    /** A knowledge builder configuration whose generated classes see only what this loader allows. */
    static KnowledgeBuilderConfiguration configuration() {
        return KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(new Properties(), INSTANCE);
    }

    /** True when rule code may use the class (binary name, such as {@code java.lang.String}). */
    static boolean allows(String className) {
        String name = className.replace('/', '.');
        int inner = name.indexOf('$');
        String outer = inner < 0 ? name : name.substring(0, inner);
        return ALLOWED_PACKAGES.stream().anyMatch(name::startsWith)
                && REFUSED_PACKAGES.stream().noneMatch(name::startsWith)
                && !REFUSED_CLASSES.contains(outer);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!allows(name)) {
            throw new ClassNotFoundException(name + " is not available to rules");
        }
        return delegate.loadClass(name);
    }

    @Override
    public URL getResource(String name) {
        return allowsResource(name) ? delegate.getResource(name) : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return allowsResource(name) ? delegate.getResources(name) : Collections.emptyEnumeration();
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return allowsResource(name) ? delegate.getResourceAsStream(name) : null;
    }

    /** Class files follow the class rule; other resources (Drools' own configuration) pass. */
    private static boolean allowsResource(String name) {
        if (!name.endsWith(".class")) {
            return !name.startsWith("java/") && !name.startsWith("/");
        }
        return allows(name.substring(0, name.length() - ".class".length()));
    }
}
