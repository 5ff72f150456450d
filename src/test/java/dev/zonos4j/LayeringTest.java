package dev.zonos4j;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Packages import only downward, as DESIGN.md lays them out. */
class LayeringTest {
    @Test
    void dependenciesPointDown() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.zonos4j");
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("util").definedBy("dev.zonos4j.util..")
                .layer("weights").definedBy("dev.zonos4j.weights..")
                .layer("tensor").definedBy("dev.zonos4j.tensor..")
                .layer("text").definedBy("dev.zonos4j.text..")
                .layer("audio").definedBy("dev.zonos4j.audio..")
                .layer("model").definedBy("dev.zonos4j.model..")
                .layer("engine").definedBy("dev.zonos4j.engine..")
                .layer("golden").definedBy("dev.zonos4j.golden..")
                .layer("api").definedBy("dev.zonos4j")
                .layer("cli").definedBy("dev.zonos4j.cli..")
                .layer("server").definedBy("dev.zonos4j.server..")
                .whereLayer("server").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("api").mayOnlyBeAccessedByLayers("cli", "server")
                .whereLayer("golden").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("api", "golden", "cli", "server")
                .whereLayer("model").mayOnlyBeAccessedByLayers("engine", "api", "golden", "cli", "server")
                .whereLayer("text").mayOnlyBeAccessedByLayers("model", "engine", "api", "golden", "cli", "server")
                .whereLayer("audio").mayOnlyBeAccessedByLayers("model", "engine", "api", "golden", "cli", "server")
                .whereLayer("tensor").mayOnlyBeAccessedByLayers("text", "audio", "model", "engine", "api", "golden", "cli", "server")
                .whereLayer("weights").mayOnlyBeAccessedByLayers("tensor", "text", "audio", "model", "engine", "api", "golden", "cli", "server")
                .check(classes);
    }
}
