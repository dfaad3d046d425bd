package com.aegis.vault.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The old system's single {@code DATABASE_URL} ({@code postgresql://user:password@host:5432/db?sslmode=require},
 * also {@code postgres://}) split into what JDBC needs. {@link #toString()} never shows the password.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    public static DatabaseUrl parse(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw invalid("it is not a URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("postgresql") || scheme.equals("postgres"))) {
            throw invalid("it must start with postgresql:// (or postgres://)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("it names no host");
        }
        String path = uri.getRawPath();
        if (path == null || path.length() <= 1) {
            throw invalid("it names no database (postgresql://user:password@host:5432/db)");
        }
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host);
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(path);
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        return new DatabaseUrl(jdbc.toString(), username, password);
    }

    /** The datasource properties this URL stands for. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
        if (username != null && !username.isEmpty()) {
            properties.put("quarkus.datasource.username", username);
        }
        if (password != null) {
            properties.put("quarkus.datasource.password", password);
        }
        return properties;
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user " + username + ", password " + (password == null ? "none" : "***") + "]";
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String why) {
        // The value itself is never repeated: it holds the password.
        return new IllegalArgumentException("DATABASE_URL is not usable: " + why);
    }
}
