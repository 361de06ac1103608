package io.switchboard.gateway.server;

import io.undertow.server.handlers.resource.Resource;
import io.undertow.server.handlers.resource.ResourceChangeListener;
import io.undertow.server.handlers.resource.ResourceManager;
import io.undertow.util.ETag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ResourceManager} of files only (a folder is "not found", never listed) whose validator is an ETag of the
 * content's SHA-256 and never {@code Last-Modified}: jar entry times say nothing reliable about a version (reproducible
 * builds give every entry the same one), and Undertow answers 304 on a matching {@code If-Modified-Since} even when the
 * {@code If-None-Match} beside it differs.
 */
final class ContentHashedFiles implements ResourceManager {
    private final ResourceManager files;
    /** By path and the underlying modification time, so a file changed in a development tree gets a new tag. */
    private final Map<String, ETag> tags = new ConcurrentHashMap<>();

    ContentHashedFiles(ResourceManager files) {
        this.files = files;
    }

    @Override
    public Resource getResource(String path) throws IOException {
        Resource resource = files.getResource(path);
        if (resource == null || resource.isDirectory()) {
            return null;
        }
        String key = resource.getPath() + '@' + resource.getLastModified();
        ETag tag = tags.computeIfAbsent(key, ignored -> hash(resource));
        return new TaggedResource(resource, tag);
    }

    private static ETag hash(Resource resource) {
        try (InputStream in = resource.getUrl().openStream()) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest(in.readAllBytes());
            return new ETag(false, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource.getPath(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean isResourceChangeListenerSupported() {
        return false;
    }

    @Override
    public void registerResourceChangeListener(ResourceChangeListener listener) {
        throw new UnsupportedOperationException("files from the classpath do not change");
    }

    @Override
    public void removeResourceChangeListener(ResourceChangeListener listener) {
        throw new UnsupportedOperationException("files from the classpath do not change");
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
