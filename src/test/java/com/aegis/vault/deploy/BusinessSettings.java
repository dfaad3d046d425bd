package com.aegis.vault.deploy;

import com.aegis.vault.approval.ApprovalsConfig;
import io.smallrye.config.ConfigMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The application's own settings ({@code aegis.*}): every property of every {@link ConfigMapping} interface
 * of the application (where each keeps its one default), found among the compiled classes, plus any
 * {@code aegis.*} key application.properties sets.
 */
final class BusinessSettings {

    private BusinessSettings() {
    }

    static Set<String> names(QuarkusSettings properties) {
        Set<String> names = new TreeSet<>(properties.keysStartingWith("aegis."));
        for (Class<?> mapping : mappings()) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            if (!prefix.startsWith("aegis.")) {
                continue;
            }
            for (Method method : mapping.getDeclaredMethods()) {
                if (Modifier.isAbstract(method.getModifiers()) && method.getParameterCount() == 0) {
                    names.add(prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
                }
            }
        }
        return names;
    }

    private static Set<Class<?>> mappings() {
        Path classes;
        try {
            // the application's compiled classes (not the test classes)
            classes = Path.of(ApprovalsConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Set<Class<?>> found = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("com/aegis/vault"))) {
            files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).forEach(f -> {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, BusinessSettings.class.getClassLoader());
                    if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                        found.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable outside the application: cannot be a mapping we read here
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
