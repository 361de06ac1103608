package io.switchboard.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;

/**
 * The visibility rule of every module's {@code ArchitectureTest}: a module lists its public top-level types, a type
 * that turns public without being listed fails, and so does a listed name that is gone or no longer public, so the
 * list cannot go stale. Shared through this module's test-jar.
 */
public final class ListedPublicTypes {
    private ListedPublicTypes() {}

    /** Every public top-level type is in {@code listed}. */
    public static ArchRule onlyListedArePublic(Set<String> listed) {
        return classes().that().areTopLevelClasses().and().arePublic().should(beListedIn(listed));
    }

    /** Every name in {@code listed} is a public type of {@code imported}. */
    public static void assertEveryListedIsPublic(JavaClasses imported, Set<String> listed) {
        List<String> stale = listed.stream()
                .filter(name -> !imported.contain(name)
                        || !imported.get(name).getModifiers().contains(JavaModifier.PUBLIC))
                .sorted()
                .toList();
        assertThat(stale)
                .as("listed in ArchitectureTest.PUBLIC_TYPES but not a public type: take them off the list")
                .isEmpty();
    }

    private static ArchCondition<JavaClass> beListedIn(Set<String> listed) {
        return new ArchCondition<>("be listed in ArchitectureTest.PUBLIC_TYPES") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                if (!listed.contains(type.getName())) {
                    events.add(SimpleConditionEvent.violated(
                            type,
                            type.getName() + " is public but not in ArchitectureTest.PUBLIC_TYPES: make it"
                                    + " package-private, or list it if another package or module uses it"));
                }
            }
        };
    }
}
