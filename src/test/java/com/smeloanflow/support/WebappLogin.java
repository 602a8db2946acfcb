package com.smeloanflow.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A login to a Camunda webapp as a browser makes it, over plain HTTP: Tasklist's page first (it sets the CSRF cookie),
 * then the login form with that token. The client keeps the session's cookies for the requests after it.
 *
 * @param client the browser: its cookies are the session's
 * @param base the server, e.g. {@code http://127.0.0.1:8080}
 * @param xsrf the CSRF token the login was sent with (a successful login issues a new one: {@link #xsrfToken})
 * @param response the login's answer
 */
public record WebappLogin(HttpClient client, String base, String xsrf, HttpResponse<String> response) {

  /** Logs {@code username} in to {@code app} (welcome, tasklist, cockpit, admin) on the server at {@code port}. */
  public static WebappLogin to(int port, String app, String username, String password)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String base = "http://127.0.0.1:" + port;
    client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String xsrf = xsrfToken(client);
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    return new WebappLogin(client, base, xsrf, login);
  }

  /** The session's current CSRF token (the newest cookie: a login issues a new one). */
  public static String xsrfToken(HttpClient client) {
    return ((CookieManager) client.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).reduce((first, last) -> last).orElseThrow().getValue();
  }

  /** A GET of {@code path} in this session, with the token the login was sent with. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-XSRF-TOKEN", xsrf).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
