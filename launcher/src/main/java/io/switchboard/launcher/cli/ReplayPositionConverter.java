package io.switchboard.launcher.cli;

import io.switchboard.launcher.replay.ReplayPosition;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --from} and {@code --to}: an offset, or an ISO-8601 time with {@code Z} or an offset. */
final class ReplayPositionConverter implements ITypeConverter<ReplayPosition> {
    @Override
    public ReplayPosition convert(String value) {
        try {
            return ReplayPosition.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
