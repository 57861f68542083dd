#ifndef RNNGRAPH_CGRAPHVIZ_SHIM_H
#define RNNGRAPH_CGRAPHVIZ_SHIM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1  // dladdr
#endif

#include <stddef.h>
#include <graphviz/graphviz_version.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/// gvRenderData with a size_t length on every Graphviz version
/// (Graphviz 13 changed the length parameter from unsigned int * to size_t *).
static inline int rnngraph_render_data(GVC_t *gvc, Agraph_t *g, const char *format,
                                       char **result, size_t *length) {
#if defined(GRAPHVIZ_VERSION_MAJOR) && GRAPHVIZ_VERSION_MAJOR >= 13
    return gvRenderData(gvc, g, format, result, length);
#else
    unsigned int n = 0;
    int rc = gvRenderData(gvc, g, format, result, &n);
    *length = n;
    return rc;
#endif
}

/// A Graphviz context with only the core renderers (SVG, DOT), the neato
/// layouts (`nop2`) and `dot` (to compare a figure with Graphviz's own layout), loaded from
/// `plugin_folder` (NULL: the `graphviz` folder beside libgvc), and no
/// text-layout plugin: labels are measured with Graphviz's built-in font
/// metrics, so neither fonts nor a font configuration are loaded and the
/// output does not depend on the fonts installed. NULL when a plugin is missing.
static inline GVC_t *rnngraph_plain_context(const char *plugin_folder) {
    static lt_symlist_t builtins[4];
    static const char *names[3] = {"core", "neato_layout", "dot_layout"};
    static const char *symbols[3] = {"gvplugin_core_LTX_library", "gvplugin_neato_layout_LTX_library",
                                     "gvplugin_dot_layout_LTX_library"};
    char folder[4096];
    if (plugin_folder) {
        snprintf(folder, sizeof folder, "%s", plugin_folder);
    } else {
        Dl_info info;
        if (!dladdr((void *)gvContext, &info) || !info.dli_fname) return NULL;
        const char *slash = strrchr(info.dli_fname, '/');
        if (!slash) return NULL;
        snprintf(folder, sizeof folder, "%.*s/graphviz", (int)(slash - info.dli_fname), info.dli_fname);
    }
    for (int k = 0; k < 3; k++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/libgvplugin_%s.so.6", folder, names[k]);
        void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            snprintf(path, sizeof path, "%s/libgvplugin_%s.6.dylib", folder, names[k]);
            handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        }
        if (!handle) return NULL;
        void *library = dlsym(handle, symbols[k]);
        if (!library) return NULL;
        builtins[k].name = symbols[k];
        builtins[k].address = library;
    }
    builtins[3].name = NULL;
    builtins[3].address = NULL;
    return gvContextPlugins(builtins, 0);
}

/// Lowers the resolution of the laid-out graph `g` so that its bitmap (at
/// `default_dpi` unless the graph sets one, with Graphviz's 4-point pad) is at
/// most `limit` pixels a side. Graphviz's cairo renderer would otherwise scale
/// a larger bitmap itself and say so on standard error, where no caller can
/// catch it. Returns the factor applied (1 when the bitmap fits).
static inline double rnngraph_fit_bitmap(Agraph_t *g, double default_dpi, double limit) {
    double dpi = GD_drawing(g)->dpi > 0 ? GD_drawing(g)->dpi : default_dpi;
    double width = (GD_bb(g).UR.x - GD_bb(g).LL.x + 8) * dpi / 72;
    double height = (GD_bb(g).UR.y - GD_bb(g).LL.y + 8) * dpi / 72;
    double largest = width > height ? width : height;
    if (largest <= limit) return 1;
    GD_drawing(g)->dpi = dpi * limit / largest;
    return limit / largest;
}

#endif
