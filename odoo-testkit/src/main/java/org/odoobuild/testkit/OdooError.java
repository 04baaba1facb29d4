package org.odoobuild.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A Python exception as the real server raises it: qualified class name, message, and how it maps onto each
 * protocol (XML-RPC fault code, JSON-2 status).
 */
final class OdooError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Fully qualified Python class, e.g. {@code odoo.exceptions.UserError} or {@code builtins.TypeError}. */
    final String pythonClass;
    /** HTTP status on JSON-2. */
    final int json2Status;
    /** Synthesised traceback frames (file/line/function/code), innermost last. */
    final List<String[]> frames = new ArrayList<>();
    /** Text of a chained "During handling of the above exception" traceback, or empty. */
    String chained = "";
    /** For a NOT NULL violation in the database: the model and column (load() reports those itself), else null. */
    String notNullModel;
    String notNullColumn;

    OdooError(String pythonClass, String message, int json2Status) {
        super(message, null, false, false);
        this.pythonClass = pythonClass;
        this.json2Status = json2Status;
    }

    OdooError frame(String file, int line, String function, String code) {
        frames.add(new String[] {file, String.valueOf(line), function, code});
        return this;
    }

    boolean isWerkzeug() {
        return pythonClass.startsWith("werkzeug.");
    }

    /** XML-RPC fault code, as Odoo's {@code xmlrpc_handle_exception_int} computes it. */
    int faultCode() {
        switch (pythonClass) {
            case "odoo.exceptions.AccessDenied":
                return 3;
            case "odoo.exceptions.AccessError":
                return 4;
            case "odoo.exceptions.UserError":
            case "odoo.exceptions.ValidationError":
            case "odoo.exceptions.MissingError":
            case "odoo.exceptions.RedirectWarning":
                return 2;
            default:
                return 1;
        }
    }

    /** Name on the traceback's last line: builtins are bare, anything else fully qualified. */
    String shortName() {
        return pythonClass.startsWith("builtins.") ? pythonClass.substring("builtins.".length()) : pythonClass;
    }

    /** The {@code str(exc)} of werkzeug exceptions is {@code "<status> <reason>: <description>"}. */
    String strForm() {
        if (pythonClass.equals("builtins.KeyError")) {
            return Py.repr(getMessage());
        }
        if (isWerkzeug()) {
            return json2Status + " " + reason(json2Status) + ": " + getMessage();
        }
        return getMessage();
    }

    static String reason(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 422: return "Unprocessable Entity";
            case 429: return "Too Many Requests";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Internal Server Error";
        }
    }

    /** The Python-like traceback text: starts with {@code Traceback (most recent call last):}. */
    String traceback(List<String[]> outerFrames) {
        StringBuilder sb = new StringBuilder();
        if (!chained.isEmpty()) {
            sb.append(chained).append("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
        sb.append("Traceback (most recent call last):\n");
        List<String[]> all = new ArrayList<>(outerFrames);
        all.addAll(frames);
        for (String[] f : all) {
            sb.append("  File \"").append(f[0]).append("\", line ").append(f[1]).append(", in ").append(f[2]).append('\n');
            sb.append("    ").append(f[3]).append('\n');
        }
        sb.append(shortName()).append(": ").append(strForm()).append('\n');
        return sb.toString();
    }

    // ------------------------------------------------------------------ factories

    static OdooError userError(String msg) {
        return new OdooError("odoo.exceptions.UserError", msg, 422);
    }

    static OdooError validation(String msg) {
        return new OdooError("odoo.exceptions.ValidationError", msg, 422);
    }

    static OdooError accessError(String msg) {
        return new OdooError("odoo.exceptions.AccessError", msg, 403);
    }

    static OdooError accessDenied() {
        return new OdooError("odoo.exceptions.AccessDenied", "Access Denied", 401);
    }

    static OdooError missing(String model, List<Integer> ids, int uid) {
        StringBuilder t = new StringBuilder();
        for (Integer id : ids) {
            t.append(id).append(',');
        }
        return new OdooError("odoo.exceptions.MissingError",
                "Record does not exist or has been deleted.\n(Record: " + model + "(" + t + "), User: " + uid + ")", 404)
                .frame("odoo/orm/fields.py", 1712, "__get__", "raise MissingError(\"\\n\".join([");
    }

    static OdooError valueError(String msg) {
        return new OdooError("builtins.ValueError", msg, 500);
    }

    static OdooError typeError(String msg) {
        return new OdooError("builtins.TypeError", msg, 500);
    }

    static OdooError attributeError(String msg) {
        return new OdooError("builtins.AttributeError", msg, 500);
    }

    static OdooError werkzeug(int status, String msg) {
        String cls;
        switch (status) {
            case 400: cls = "BadRequest"; break;
            case 401: cls = "Unauthorized"; break;
            case 403: cls = "Forbidden"; break;
            case 404: cls = "NotFound"; break;
            case 422: cls = "UnprocessableEntity"; break;
            default: cls = "InternalServerError"; break;
        }
        return new OdooError("werkzeug.exceptions." + cls, msg, status);
    }
}
