package dev.hydro.sample;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Tells a newcomer where to point curl once the service is up.
 *
 * <pre>{@code
 * Trending words is ready. Try:
 *   curl -X POST http://localhost:8080/lines -H 'Content-Type: text/plain' --data 'to be or not to be'
 * }</pre>
 */
@Component
class StartupBanner implements ApplicationListener<ApplicationReadyEvent> {

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String base = "http://localhost:" + web.getWebServer().getPort();
        System.out.println("""

                Trending words is ready. Try:
                  curl -X POST %1$s/lines -H 'Content-Type: text/plain' --data 'to be or not to be'
                  curl %1$s/trending
                  curl %1$s/counts/be
                  curl %1$s/actuator/hydro
                """.formatted(base));
    }
}
