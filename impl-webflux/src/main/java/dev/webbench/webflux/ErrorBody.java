package dev.webbench.webflux;

/** Every error's body: {@code {"error": "..."}}. */
record ErrorBody(String error) {
}
