package io.vigie.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutePathTest {

    private static final List<String> ROUTES =
            List.of("/api/incidents", "/api/incidents/{id}", "/api/incidents/{id}/steps");

    @Test
    void shouldPreferTheExactRouteAndGiveTheIdOfATemplate() {
        assertThat(RoutePath.resolve("/api/incidents", ROUTES))
                .isEqualTo(new RoutePath.Resolved("/api/incidents", null));
        assertThat(RoutePath.resolve("/api/incidents/INC-24D87BBA1638", ROUTES))
                .isEqualTo(new RoutePath.Resolved("/api/incidents/{id}", "INC-24D87BBA1638"));
        assertThat(RoutePath.resolve("/api/incidents/INC-1/steps", ROUTES))
                .isEqualTo(new RoutePath.Resolved("/api/incidents/{id}/steps", "INC-1"));
    }

    @Test
    void shouldServeNoRouteForAnIdThatIsNotPlainOrAPathThatDiffers() {
        assertThat(RoutePath.resolve("/api/incidents/a b", ROUTES)).isNull();
        assertThat(RoutePath.resolve("/api/incidents/<script>", ROUTES)).isNull();
        assertThat(RoutePath.resolve("/api/incidents/" + "x".repeat(129), ROUTES))
                .isNull();
        assertThat(RoutePath.resolve("/api/incidents/", ROUTES)).isNull();
        assertThat(RoutePath.resolve("/api/incidents/INC-1/other", ROUTES)).isNull();
        assertThat(RoutePath.resolve("/api/incidents/INC-1/steps/x", ROUTES)).isNull();
        assertThat(RoutePath.resolve("/api/other/INC-1", ROUTES)).isNull();
    }
}
