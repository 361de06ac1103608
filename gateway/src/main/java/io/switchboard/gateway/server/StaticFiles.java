package io.switchboard.gateway.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.MimeMappings;

/**
 * The browser files every gateway serves from its jar on the WebSocket port (PROTOCOL.md, "The browser SDK and console
 * page"): the SDK at {@code /sdk/switchboard.js} and {@code /sdk/switchboard.d.ts}, the console at {@code /} and its
 * assets under {@code /console/}. The build copies {@code clients/js} and {@code clients/console} into {@link #ROOT}.
 *
 * <p>Undertow's {@link ResourceHandler} does the serving: GET and HEAD (405 otherwise), canonical paths (no way out of
 * a folder), no directory listings. Pages of any origin may import the SDK (CORS {@code *}: public code, fetched
 * without credentials); the WebSocket's own Origin check is unchanged. The URLs carry no version, so responses say {@code Cache-Control: no-cache}: a
 * browser revalidates each use, and the content-hash ETag turns that into a 304 until the gateway is upgraded.
 */
final class StaticFiles {
    /** The classpath folder of the files, with {@code sdk/} and {@code console/} in it. */
    static final String ROOT = "io/switchboard/gateway/web/";

    static final String SDK_PATH = "/sdk";
    private static final HttpString ACCESS_CONTROL_ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    static final String CONSOLE_PATH = "/console";
    static final String CONSOLE_PAGE = "/index.html";

    /** Explicit types, with the charset: the defaults name JavaScript {@code application/javascript} and .ts video. */
    private static final MimeMappings TYPES = MimeMappings.builder(true)
            .addMapping("js", "text/javascript; charset=utf-8")
            .addMapping("mjs", "text/javascript; charset=utf-8")
            .addMapping("ts", "text/plain; charset=utf-8")
            .addMapping("html", "text/html; charset=utf-8")
            .addMapping("css", "text/css; charset=utf-8")
            .addMapping("json", "application/json")
            .addMapping("svg", "image/svg+xml")
            .build();

    private StaticFiles() {}

    /** Adds {@code /}, {@code /sdk/} and {@code /console/} to {@code paths} and returns it. */
    static PathHandler addTo(PathHandler paths) {
        return addTo(paths, ROOT);
    }

    /** {@link #addTo(PathHandler)} with the files of another classpath folder (tests). */
    static PathHandler addTo(PathHandler paths, String root) {
        HttpHandler console = folder(root + "console", false);
        return paths.addPrefixPath(SDK_PATH, folder(root + "sdk", true))
                .addPrefixPath(CONSOLE_PATH, console)
                .addExactPath("/", exchange -> {
                    exchange.setRelativePath(CONSOLE_PAGE);
                    console.handleRequest(exchange);
                });
    }

    /** @param anyOrigin whether pages of any origin may import the files (public code, no credentials involved) */
    private static HttpHandler folder(String classpathFolder, boolean anyOrigin) {
        ClassLoader loader = StaticFiles.class.getClassLoader();
        ResourceHandler files = new ResourceHandler(
                        new ContentHashedFiles(new ClassPathResourceManager(loader, classpathFolder)))
                .setDirectoryListingEnabled(false)
                .setWelcomeFiles()
                .setMimeMappings(TYPES);
        return exchange -> serve(files, anyOrigin, exchange);
    }

    private static void serve(ResourceHandler files, boolean anyOrigin, HttpServerExchange exchange) throws Exception {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.CACHE_CONTROL, "no-cache").put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        if (anyOrigin) {
            // a module script of another origin is fetched in CORS mode: without this, import() fails there
            headers.put(ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
        files.handleRequest(exchange);
    }
}
