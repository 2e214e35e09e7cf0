package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.event.ChangeEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.ApplicationListener;

/** Sends a change event when the application is ready: which version started where. */
final class DeployMarker implements ApplicationListener<ApplicationReadyEvent> {
    private final Tocsin tocsin;
    private final String application;
    private final ObjectProvider<BuildProperties> build;
    private final ObjectProvider<GitProperties> git;

    DeployMarker(Tocsin tocsin, String application, ObjectProvider<BuildProperties> build,
            ObjectProvider<GitProperties> git) {
        this.tocsin = tocsin;
        this.application = application;
        this.build = build;
        this.git = git;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("application", application);
        String version = null;
        BuildProperties b = build.getIfAvailable();
        if (b != null) {
            version = b.getVersion();
            details.put("version", b.getVersion());
            details.put("artifact", b.getGroup() + ":" + b.getArtifact());
            if (b.getTime() != null) {
                details.put("built", b.getTime().toString());
            }
        }
        GitProperties g = git.getIfAvailable();
        if (g != null) {
            details.put("commit", g.getShortCommitId());
            details.put("branch", g.getBranch());
        }
        String summary = "Started " + application + (version == null ? "" : " " + version)
                + (g == null ? "" : " (" + g.getShortCommitId() + ")");
        tocsin.change(new ChangeEvent(summary, null, null, details, List.of()));
    }
}
