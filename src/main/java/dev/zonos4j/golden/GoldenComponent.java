package dev.zonos4j.golden;

import java.nio.file.Path;
import java.util.List;

/** A part of the engine that can be checked against golden vectors found in one kind of kit. */
public interface GoldenComponent {
    /** The name used with {@code --component}. */
    String name();

    /** The kind of kit that holds this component's cases. */
    Kit kit();

    /** Discovers every case in the kit folder from its files and index; nothing is hard-coded. */
    List<GoldenCase> cases(Path kitDir) throws Exception;
}
