package io.switchboard.gateway.server;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.Resource;
import io.undertow.util.ETag;
import io.undertow.util.MimeMappings;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;

/** A file with the ETag {@link ContentHashedFiles} gave it, and no modification time to validate by. */
final class TaggedResource implements Resource {
    private final Resource file;
    private final ETag tag;

    TaggedResource(Resource file, ETag tag) {
        this.file = file;
        this.tag = tag;
    }

    @Override
    public ETag getETag() {
        return tag;
    }

    @Override
    public Date getLastModified() {
        return null;
    }

    @Override
    public String getLastModifiedString() {
        return null;
    }

    @Override
    public String getCacheKey() {
        return file.getCacheKey() + '@' + tag.getTag();
    }

    @Override
    public String getPath() {
        return file.getPath();
    }

    @Override
    public String getName() {
        return file.getName();
    }

    @Override
    public boolean isDirectory() {
        return false;
    }

    @Override
    public List<Resource> list() {
        return List.of();
    }

    @Override
    public String getContentType(MimeMappings mimeMappings) {
        return file.getContentType(mimeMappings);
    }

    @Override
    public void serve(Sender sender, HttpServerExchange exchange, IoCallback completionCallback) {
        file.serve(sender, exchange, completionCallback);
    }

    @Override
    public Long getContentLength() {
        return file.getContentLength();
    }

    @Override
    public File getFile() {
        return file.getFile();
    }

    @Override
    public Path getFilePath() {
        return file.getFilePath();
    }

    @Override
    public File getResourceManagerRoot() {
        return file.getResourceManagerRoot();
    }

    @Override
    public Path getResourceManagerRootPath() {
        return file.getResourceManagerRootPath();
    }

    @Override
    public URL getUrl() {
        return file.getUrl();
    }
}
