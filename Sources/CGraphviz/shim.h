#ifndef RNNGRAPH_CGRAPHVIZ_SHIM_H
#define RNNGRAPH_CGRAPHVIZ_SHIM_H

#include <stddef.h>
#include <graphviz/graphviz_version.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

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

#endif
