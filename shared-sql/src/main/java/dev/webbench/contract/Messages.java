package dev.webbench.contract;

/** Error texts every implementation answers with, so clients see the same words everywhere. */
public final class Messages {
    public static final String NOT_FOUND = "not found";
    public static final String PRODUCT_NOT_FOUND = "product not found";
    public static final String METHOD_NOT_ALLOWED = "method not allowed";
    public static final String BODY_TOO_LARGE = "request body exceeds " + Limits.MAX_BODY_BYTES + " bytes";
    public static final String INVALID_JSON = "body is not valid JSON";
    public static final String UNKNOWN_BRAND = "brand_id does not exist";
    public static final String INTERNAL_ERROR = "internal server error";
    /** 503 for a request turned away at once because too many already wait for the database. */
    public static final String SERVER_BUSY = "server busy";

    private Messages() {
    }
}
